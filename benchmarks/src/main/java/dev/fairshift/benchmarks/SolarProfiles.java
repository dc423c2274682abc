package dev.fairshift.benchmarks;

import dev.fairshift.core.FairshiftException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Hourly solar capacity factors (0..1 of installed peak) of vessim's ten cities, from the 5-minute
 * profiles shipped in {@code solar/solar_capacity_factor.csv.gz} (MIT, see {@code solar/SOURCE.txt}):
 * the mean of each hour, UTC-aligned, whole days only. Loaded once; immutable and thread-safe.
 */
final class SolarProfiles {
  private static final String RESOURCE = "solar/solar_capacity_factor.csv.gz";

  /** The city whose profile a grid zone's hubs use: the nearest of vessim's cities in time zone. */
  static final Map<String, String> CITY_BY_ZONE = Map.ofEntries(
      Map.entry("AU-NSW", "Sydney"), Map.entry("AU-VIC", "Sydney"),
      Map.entry("BR-CS", "São Paulo"), Map.entry("CL-SEN", "São Paulo"),
      Map.entry("CA-ON", "Mexico City"), Map.entry("US-NY-NYIS", "Mexico City"),
      Map.entry("US-MIDA-PJM", "Mexico City"), Map.entry("US-TEX-ERCO", "Mexico City"),
      Map.entry("US-CAL-CISO", "San Francisco"), Map.entry("DE", "Berlin"), Map.entry("GB", "Berlin"),
      Map.entry("ZA", "Cape Town"), Map.entry("IN-WE", "Mumbai"), Map.entry("JP-TK", "Hong Kong"),
      Map.entry("KR", "Hong Kong"), Map.entry("SG", "Hong Kong"));

  private static final Map<String, double[]> HOURLY = load();

  private SolarProfiles() {}

  /** The cities, in the file's column order. */
  static List<String> cities() {
    return List.copyOf(HOURLY.keySet());
  }

  /** Hourly capacity factors of {@code city} (a copy), whole days from the profile's first hour. */
  static double[] hourly(String city) {
    double[] v = HOURLY.get(city);
    if (v == null) {
      throw new IllegalArgumentException("No solar profile for city '" + city + "'. Maybe one of " + cities() + ".");
    }
    return v.clone();
  }

  /** The profile for a hub in {@code zone} (see {@link #CITY_BY_ZONE}). */
  static double[] forZone(String zone) {
    String city = CITY_BY_ZONE.get(zone);
    if (city == null) {
      throw new IllegalArgumentException("No solar city for zone '" + zone + "'. Maybe add it to CITY_BY_ZONE.");
    }
    return hourly(city);
  }

  private static Map<String, double[]> load() {
    try (InputStream raw = SolarProfiles.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new FairshiftException("The solar profiles " + RESOURCE + " are missing from the classpath. "
            + "Maybe rebuild the benchmarks module.");
      }
      BufferedReader reader = new BufferedReader(
          new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
      String[] header = reader.readLine().split(",");
      if (!header[0].equals("time") || header.length < 2) {
        throw new FairshiftException("Solar profiles " + RESOURCE + " must start with 'time,<city>,...'.");
      }
      int cities = header.length - 1;
      double[][] sum = new double[cities][24 * 40];
      int[] count = new int[24 * 40];
      int hours = 0;
      String line;
      int row = 1;
      while ((line = reader.readLine()) != null) {
        row++;
        String[] cells = line.split(",");
        if (cells.length != header.length) {
          throw new FairshiftException("Solar profiles " + RESOURCE + " row " + row + " has " + cells.length
              + " cells, expected " + header.length + ".");
        }
        int hour = (int) (Long.parseLong(cells[0]) / 3600);
        if (hour >= count.length) {
          break;
        }
        for (int c = 0; c < cities; c++) {
          double v = Double.parseDouble(cells[c + 1]);
          if (!(v >= 0 && v <= 1)) {
            throw new FairshiftException("Solar profiles " + RESOURCE + " row " + row + " has capacity factor "
                + v + " for " + header[c + 1] + ", outside 0..1.");
          }
          sum[c][hour] += v;
        }
        count[hour]++;
        hours = Math.max(hours, hour + 1);
      }
      int whole = hours / 24 * 24;
      Map<String, double[]> out = new LinkedHashMap<>();
      for (int c = 0; c < cities; c++) {
        double[] hourly = new double[whole];
        for (int h = 0; h < whole; h++) {
          hourly[h] = count[h] == 0 ? 0 : sum[c][h] / count[h];
        }
        out.put(header[c + 1], hourly);
      }
      if (out.values().stream().anyMatch(v -> Arrays.stream(v).sum() <= 0)) {
        throw new FairshiftException("Solar profiles " + RESOURCE + " have a city without any output.");
      }
      return java.util.Collections.unmodifiableMap(out);
    } catch (IOException | RuntimeException e) {
      if (e instanceof FairshiftException f) {
        throw f;
      }
      throw new FairshiftException("Cannot read the solar profiles " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
