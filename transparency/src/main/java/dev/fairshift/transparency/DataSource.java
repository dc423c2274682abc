package dev.fairshift.transparency;

import java.util.Objects;

/**
 * One data source a schedule rests on, shown on the page with its licence. The address is shown as
 * text, never fetched.
 *
 * @param name what the data is, e.g. {@code "Carbon intensity DE 2023 (Energy-Charts)"}
 * @param licence its licence, e.g. {@code "CC BY 4.0"}
 * @param address where it comes from, as text (may be empty)
 */
public record DataSource(String name, String licence, String address) {
  public DataSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(address, "address");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A DataSource needs a name. Maybe use the dataset's title.");
    }
    if (licence.isBlank()) {
      throw new IllegalArgumentException("DataSource '" + name + "' needs a licence. Maybe \"unknown\" if it has none.");
    }
  }

  /** A source with a name, a licence and an address shown as text. */
  public static DataSource of(String name, String licence, String address) {
    return new DataSource(name, licence, address);
  }
}
