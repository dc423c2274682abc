package dev.fairshift.examples;

import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.SlotSeries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * On-site solar supply from real 5-minute capacity factors (vessim's Berlin profile, MIT; see
 * {@code solar/SOURCE.txt}): hourly means of the profile, repeated over the horizon and scaled by the
 * installed peak power. The profile's day is aligned to UTC midnight; its season is summer.
 */
public final class SolarProfile {
  private static final String RESOURCE = "solar/berlin_solar_capacity_factor.csv";
  private static final double[] HOURLY = load();

  private SolarProfile() {}

  /** Hourly mean capacity factors (0..1) of the shipped profile. */
  public static double[] hourlyCapacityFactors() {
    return HOURLY.clone();
  }

  /** The supply in kW of an array of {@code installedKw} peak, per hourly slot of {@code horizon}. */
  public static SlotSeries renewableKw(Horizon horizon, double installedKw) {
    if (horizon.slotMinutes() != 60) {
      throw new IllegalArgumentException("The solar profile is hourly but the horizon has "
          + horizon.slotMinutes() + "-minute slots. Maybe resample it with grid-signals' Resampler.");
    }
    double[] kw = new double[horizon.slots()];
    for (int s = 0; s < kw.length; s++) {
      kw[s] = installedKw * HOURLY[s % HOURLY.length];
    }
    return SlotSeries.of(kw);
  }

  private static double[] load() {
    try (InputStream in = SolarProfile.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new FairshiftException("The solar profile " + RESOURCE + " is missing from the classpath.");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine();
      double[] sum = new double[24 * 40];
      int[] count = new int[sum.length];
      int hours = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        String[] cells = line.split(",");
        int hour = (int) (Long.parseLong(cells[0]) / 3600);
        sum[hour] += Double.parseDouble(cells[1]);
        count[hour]++;
        hours = Math.max(hours, hour + 1);
      }
      int whole = hours / 24 * 24;
      double[] hourly = new double[whole];
      for (int h = 0; h < whole; h++) {
        hourly[h] = count[h] == 0 ? 0 : sum[h] / count[h];
      }
      if (Arrays.stream(hourly).anyMatch(v -> v < 0 || v > 1)) {
        throw new FairshiftException("The solar profile " + RESOURCE + " has capacity factors outside 0..1.");
      }
      return hourly;
    } catch (IOException | RuntimeException e) {
      throw new FairshiftException("Cannot read the solar profile " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
