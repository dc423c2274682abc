package dev.fairshift.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.integrations.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slurm.yaml: the loop part goes to the loop's reader, the slurm part is read here; errors name the field. */
class SlurmConfigTest {

  @TempDir
  Path tmp;

  private static final String LOOP = """
      slot: 1m
      horizon: 10m
      hubs:
        - {id: north, pool: north, zone: GB, pue: 1.2, wattsPerCpu: 12}
      tenants:
        - {account: physics, class: research, guaranteedShare: 0.3, maxShare: 1.0, weight: 1}
      """;

  @Test
  void theShippedExampleReads() {
    SlurmConfig config = SlurmConfig.read(Path.of("examples/slurm.yaml"));
    assertThat(config.loop().hubs()).extracting(h -> h.pool()).containsExactly("north", "south");
    assertThat(config.loop().slot()).isEqualTo(Duration.ofHours(1));
    assertThat(config.options().timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.options().optInComments()).containsExactly("fairshift");
    assertThat(config.options().optInQos()).containsExactly("fairshift");
  }

  @Test
  void withoutASlurmSectionTheDefaultsApply() {
    SlurmConfig config = SlurmConfig.parse(LOOP, "a.yaml", true, tmp);
    assertThat(config.options().squeue()).isEqualTo("squeue");
    assertThat(config.options().timeout()).isEqualTo(SlurmOptions.DEFAULT_TIMEOUT);
  }

  @Test
  void readsBinTimeoutAndOptIn() {
    SlurmConfig config = SlurmConfig.parse(LOOP + """
        engine:
          bin: /opt/slurm/bin
          timeout: 1m30s
          optIn: {comments: [Carbon], qos: [], partitions: [north]}
        """, "a.yaml", true, tmp);
    assertThat(config.options().scontrol()).isEqualTo("/opt/slurm/bin/scontrol");
    assertThat(config.options().timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.options().optInComments()).containsExactly("carbon");
    assertThat(config.options().optInQos()).isEmpty();
    assertThat(config.options().optInPartitions()).containsExactly("north");
  }

  @Test
  void errorsNameTheFileTheFieldAndAFix() {
    assertThatThrownBy(() -> SlurmConfig.parse(LOOP + "engine: {timeot: 5s}\n", "site.yaml", true, tmp))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("site.yaml: engine.timeot is not a known field").hasMessageContaining("timeout");
    assertThatThrownBy(() -> SlurmConfig.parse(LOOP + "engine: {timeout: soon}\n", "site.yaml", true, tmp))
        .hasMessageContaining("engine.timeout: 'soon' is not a duration").hasMessageContaining("Maybe");
    assertThatThrownBy(() -> SlurmConfig.parse(LOOP + "engine: {timeout: 99999999999999999999s}\n", "site.yaml", true,
        tmp)).isInstanceOf(ConfigException.class).hasMessageContaining("engine.timeout: '99999999999999999999s' is not a duration");
    assertThatThrownBy(() -> SlurmConfig.parse(LOOP + "engine: {timeout: 0s}\n", "site.yaml", true, tmp))
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> SlurmConfig.parse(LOOP + "engine: {optIn: {comments: fairshift}}\n", "site.yaml",
        true, tmp)).hasMessageContaining("engine.optIn.comments must be a list");
    assertThatThrownBy(() -> SlurmConfig.parse(LOOP + "engine: {bin: [a]}\n", "site.yaml", true, tmp))
        .hasMessageContaining("engine.bin must be a non-empty string");
    // The loop's own fields are still checked by the loop's reader, with the file name.
    assertThatThrownBy(() -> SlurmConfig.parse(LOOP + "tick: 5h\n", "site.yaml", true, tmp))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tick");
  }

  @Test
  void aMissingFileIsAClearError() {
    assertThatThrownBy(() -> SlurmConfig.read(tmp.resolve("nope.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml").hasMessageContaining("Maybe");
  }

  /** Fuzz: random bytes and mutations of a valid file give a ConfigException or a config, nothing else. */
  @Test
  void fuzzedFilesFailOnlyWithConfigException() throws Exception {
    String valid = Files.readString(Path.of("examples/slurm.yaml"));
    Random random = new Random(20261204L);
    int refused = 0;
    for (int i = 0; i < 300; i++) {
      char[] text = valid.toCharArray();
      int edits = 1 + random.nextInt(6);
      for (int e = 0; e < edits; e++) {
        String alphabet = ":{}[]-, \n#x0.'\"";
        text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String mutated = new String(text);
      try {
        SlurmConfig.parse(mutated, "fuzz.yaml", true, tmp);
      } catch (ConfigException e) {
        assertThat(e.getMessage()).as("message of %s", mutated).startsWith("fuzz.yaml");
        refused++;
      }
    }
    for (int i = 0; i < 100; i++) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      try {
        SlurmConfig.parse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1), "fuzz.yaml", true, tmp);
      } catch (ConfigException e) {
        assertThat(e.getMessage()).startsWith("fuzz.yaml");
      }
    }
    assertThat(refused).as("mutations that break the file are refused").isPositive();
  }
}
