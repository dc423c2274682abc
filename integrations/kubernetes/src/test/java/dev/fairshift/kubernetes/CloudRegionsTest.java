package dev.fairshift.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The region table is well formed, one row per region, and the README prints every row of it with its sources. */
class CloudRegionsTest {

  @Test
  void everyRowIsWellFormedAndUnique() {
    assertThat(CloudRegions.all()).hasSizeGreaterThan(50);
    Set<String> seen = new HashSet<>();
    for (CloudRegions.Row r : CloudRegions.all()) {
      assertThat(seen.add(r.provider() + "/" + r.region())).as("%s %s once", r.provider(), r.region()).isTrue();
      assertThat(r.provider()).isIn("aws", "azure", "gcp");
      assertThat(r.zone()).as(r.region()).matches("[A-Z]{2}(-[A-Z0-9]+)*");
      assertThat(r.scope()).isIn("country", "grid-area");
      assertThat(r.scope().equals("country")).as("%s: a country zone has no sub-zone", r.region())
          .isEqualTo(!r.zone().contains("-"));
      assertThat(r.regionSource()).isEqualTo(switch (r.provider()) {
        case "aws" -> "aws-regions";
        case "azure" -> "azure-regions";
        default -> "gcp-locations";
      });
      assertThat(r.zoneSource()).isEqualTo("em-zones");
    }
    assertThat(CloudRegions.find("AWS", "eu-west-2")).hasValueSatisfying(r -> assertThat(r.zone()).isEqualTo("GB"));
    assertThat(CloudRegions.find("aws", "mars-north-1")).isEmpty();
  }

  @Test
  void theReadmePrintsEveryRow() throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("basedir", ".")).resolve("../../README.md"));
    for (CloudRegions.Row r : CloudRegions.all()) {
      assertThat(readme).contains("| " + r.provider() + " | `" + r.region() + "` | " + r.location() + " | `"
          + r.zone() + "` | " + r.scope() + " | " + r.regionSource() + ", " + r.zoneSource() + " |");
    }
  }
}
