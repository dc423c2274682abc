package dev.fairshift.kubernetes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The shipped table of public cloud regions (AWS, Azure, Google Cloud) and the Electricity Maps zone of each,
 * for hubs named by region ({@code engine.hubLabel: topology.kubernetes.io/region}). The README's "Cloud regions
 * and grid zones" section prints it with its sources; {@code cloud-regions.csv} beside this class is the data.
 *
 * <pre>{@code
 * CloudRegions.forRegion("eu-west-2");   // [aws eu-west-2 London, UK -> GB]
 * }</pre>
 */
public final class CloudRegions {

  /**
   * One region.
   *
   * @param provider {@code aws}, {@code azure} or {@code gcp}
   * @param region the provider's region name, as in {@code topology.kubernetes.io/region}
   * @param location where it is, as the provider names it
   * @param zone the Electricity Maps zone key
   * @param scope {@code country} (the country is one zone) or {@code grid-area} (a sub-national zone: check it)
   * @param regionSource where the region's location comes from
   * @param zoneSource where the zone key comes from
   */
  public record Row(String provider, String region, String location, String zone, String scope,
      String regionSource, String zoneSource) {
    public Row {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(regionSource, "regionSource");
      Objects.requireNonNull(zoneSource, "zoneSource");
    }
  }

  private static final List<Row> ROWS = load();

  private CloudRegions() {
  }

  /** Every row, in the file's order. */
  public static List<Row> all() {
    return ROWS;
  }

  /** The rows for region name {@code region} (any provider; names do not collide in practice). */
  public static List<Row> forRegion(String region) {
    return ROWS.stream().filter(r -> r.region().equals(region)).toList();
  }

  /** The row of {@code provider}'s region {@code region}, if the table has it. */
  public static Optional<Row> find(String provider, String region) {
    String p = provider.toLowerCase(Locale.ROOT);
    return ROWS.stream().filter(r -> r.provider().equals(p) && r.region().equals(region)).findFirst();
  }

  private static List<Row> load() {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = CloudRegions.class.getResourceAsStream("cloud-regions.csv")) {
      if (in == null) {
        throw new IllegalStateException("cloud-regions.csv is missing from the integrations-kubernetes jar.");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean header = true;
      int lineNumber = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        lineNumber++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        List<String> f = fields(line);
        if (f.size() != 7) {
          throw new IllegalStateException("cloud-regions.csv line " + lineNumber + " has " + f.size()
              + " fields, not 7: " + line);
        }
        rows.add(new Row(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(rows);
  }

  /** The fields of one CSV line: commas separate, double quotes enclose a field with commas. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
