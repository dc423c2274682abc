package dev.fairshift.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopConfigReaderTest {

  private static final String MINIMAL = """
      hubs:
        - {id: north, zone: GB, wattsPerCpu: 10}
      """;

  /** The YAML example of the README's "Planning loop" section, as a user would copy it. */
  static String readmeExample() throws IOException {
    String readme = Files.readString(Path.of("../../README.md"));
    int section = readme.indexOf("## Planning loop");
    int config = readme.indexOf("### Configuration file", section);
    int start = readme.indexOf("```yaml\n", config) + "```yaml\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  @Test
  void parse_readmeExampleAsDocumented() throws IOException {
    LoopConfig c = LoopConfigReader.parse(readmeExample(), "README.md", true, Path.of("/etc/fairshift"));

    assertThat(c.slot()).isEqualTo(Duration.ofHours(1));
    assertThat(c.horizonSlots()).isEqualTo(48);
    assertThat(c.tick()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.defaults().slack()).isEqualTo(Duration.ofHours(12));
    assertThat(c.planning().improveFor()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.hubs()).extracting(LoopConfig.HubConfig::pool).containsExactly("north", "south");
    LoopConfig.HubConfig frankfurt = c.hub("frankfurt").orElseThrow();
    assertThat(frankfurt.maxCpus()).contains(256);
    assertThat(frankfurt.solar().orElseThrow())
        .isEqualTo(new LoopConfig.Solar(40, ZoneId.of("Europe/Berlin"), LocalTime.of(7, 0), LocalTime.of(17, 0)));
    assertThat(c.tenantFor("citylab").orElseThrow())
        .isEqualTo(new LoopConfig.TenantSettings("civic", 0.2, 0.5, 2));
    assertThat(c.tenantFor("someone-else").orElseThrow().tenantClass()).isEqualTo("newcomer");
    assertThat(c.intensity().sources()).extracting(LoopConfig.SourceConfig::type)
        .containsExactly("electricitymaps", "ukcarbonintensity", "json");
    assertThat(c.intensity().sources().get(2).path()).contains(Path.of("/etc/fairshift/grid.json").toString());
    assertThat(c.transparency().lookback()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void parse_minimalGetsTheDocumentedDefaults() {
    LoopConfig c = LoopConfigReader.parse(MINIMAL, "m.yaml", true, null);
    assertThat(c.slot()).isEqualTo(Duration.ofHours(1));
    assertThat(c.horizon()).isEqualTo(Duration.ofHours(48));
    assertThat(c.tick()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.defaults()).isEqualTo(new LoopConfig.Defaults(Duration.ofHours(12), Duration.ofHours(1)));
    assertThat(c.planning().improveFor()).isZero();
    assertThat(c.hubs().get(0).pool()).isEqualTo("north");
    assertThat(c.hubs().get(0).pue()).isEqualTo(1.0);
    assertThat(c.defaultTenant()).isEmpty();
    assertThat(c.intensity().embeddedFallback()).isTrue();
    assertThat(c.intensity().forecaster()).isEqualTo("seasonal-naive");
  }

  @Test
  void parse_oneMinuteSlotsTickEveryQuarterSlot() {
    LoopConfig c = LoopConfigReader.parse("slot: 1m\nhorizon: 2h\n" + MINIMAL, "m.yaml", true, null);
    assertThat(c.tick()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.horizonSlots()).isEqualTo(120);
  }

  @Test
  void parse_jsonToo() {
    LoopConfig c = LoopConfigReader.parse("{\"slot\": \"PT30M\", \"hubs\": [{\"id\": \"x\", \"zone\": \"DE\","
        + " \"wattsPerGpu\": 250}]}", "c.json", false, null);
    assertThat(c.slot()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.hubs().get(0).wattsPerGpu()).isEqualTo(250);
  }

  @Test
  void parse_errorsNameFileFieldAndFix() {
    assertError(MINIMAL.replace("wattsPerCpu", "wattsPerCPU"),
        "c.yaml: hubs[0].wattsPerCPU: unknown field. Known fields here: id, maxCpus, pool, pue, solar, wattsPerCpu, wattsPerGpu, zone.");
    assertError("slot: an hour\n" + MINIMAL, "c.yaml: slot: 'an hour' is not a duration. Maybe 90s, 15m, 1h");
    assertError(MINIMAL.replace("wattsPerCpu: 10", "wattsPerCpu: 10, pue: 0.9"),
        "c.yaml: hubs[0]: hub 'north' has pue 0.9; it must be at least 1");
    assertError("slot: 1h\n", "c.yaml: hubs: is missing. It is a list of objects.");
    assertError(MINIMAL + "tenants:\n  - {account: a, guaranteedShare: 0.7}\n  - {account: b, guaranteedShare: 0.5}\n",
        "add up to 1.2, more than all the capacity (1.0). Maybe lower some guarantees.");
    assertError(MINIMAL + "tenants:\n  - {account: a, guaranteedShare: 0.7, maxShare: 0.5}\n",
        "c.yaml: tenants[0]: guaranteedShare 0.7 is above maxShare 0.5. Maybe raise maxShare.");
    assertError("slot: 1h\ntick: 2h\n" + MINIMAL, "tick PT2H must be positive and at most one slot (PT1H)");
    assertError("horizon: 90m\n" + MINIMAL, "horizon PT1H30M must be a whole number of slots of PT1H");
    assertError(MINIMAL + "intensity: {sources: [{type: wattime}]}\n",
        "c.yaml: intensity.sources[0]: intensity source type 'wattime' is unknown; use one of");
    assertError(MINIMAL + "intensity: {sources: [{type: electricitymaps}]}\n", "needs tokenEnv");
    assertError(MINIMAL.replace("zone: GB", "zone: GB, solar: {peakKw: 5, timeZone: Mars/Olympus}"),
        "c.yaml: hubs[0].solar.timeZone: 'Mars/Olympus' is not a time zone id. Maybe Europe/London or UTC.");
    assertError("hubs: [{id: a, zone: GB, wattsPerCpu: 1}, {id: b, pool: a, zone: DE, wattsPerCpu: 1}]\n",
        "hub pool 'a' appears twice in hubs");
    assertError(MINIMAL.replace("wattsPerCpu: 10", "wattsPerCpu: ten"),
        "c.yaml: hubs[0].wattsPerCpu: must be a number, got string 'ten'.");
    assertError("hubs: [\n  {id: a,\n", "c.yaml: not valid YAML at line");
    assertError("- just\n- a list\n", "c.yaml: the config must be an object");
    assertError("planning: {improveFor: 50s}\n" + MINIMAL, "is more than half a tick");
  }

  private static void assertError(String yaml, String message) {
    assertThatThrownBy(() -> LoopConfigReader.parse(yaml, "c.yaml", true, null))
        .isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }

  @Test
  void read_fileAndEngineSection(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("slurm.yml");
    Files.writeString(file, MINIMAL + "engine: {commandTimeout: 10s, intake: {qos: green}}\n");
    assertThat(LoopConfigReader.read(file).hubs()).hasSize(1);
    JsonNode engine = LoopConfigReader.engineSection(file);
    assertThat(engine.at("/intake/qos").asText()).isEqualTo("green");

    Path none = dir.resolve("plain.yaml");
    Files.writeString(none, MINIMAL);
    assertThat(LoopConfigReader.engineSection(none).isEmpty()).isTrue();
    assertThatThrownBy(() -> LoopConfigReader.read(dir.resolve("missing.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("missing.yaml").hasMessageContaining("Maybe");
  }

  @Test
  void duration_shortAndIsoForms() {
    assertThat(LoopConfigReader.duration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(LoopConfigReader.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(LoopConfigReader.duration("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(LoopConfigReader.duration("PT15M")).isEqualTo(Duration.ofMinutes(15));
  }

  /** Fuzz: every mutation of the README example either parses or fails with a ConfigException, nothing else. */
  @Test
  void parse_fuzzedExamplesFailOnlyWithConfigException() throws IOException {
    String example = readmeExample();
    Random random = new Random(2026);
    String alphabet = " :-{}[],#\"'\n\t0123456789.abcdehmsPTx";
    int parsed = 0;
    for (int i = 0; i < 3000; i++) {
      StringBuilder text = new StringBuilder(example);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      try {
        LoopConfigReader.parse(text.toString(), "fuzz.yaml", true, null);
        parsed++;
      } catch (ConfigException expected) {
        assertThat(expected.getMessage()).startsWith("fuzz.yaml: ");
      }
    }
    assertThat(parsed).as("some mutations (e.g. in comments) still parse").isPositive();
  }
}
