package dev.fairshift.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.integrations.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example kubernetes.yaml reads as documented; mistakes name the file and the field. */
class KubernetesConfigTest {

  static final Path EXAMPLE = Path.of(System.getProperty("basedir", ".")).resolve("examples/kubernetes.yaml");

  @Test
  void theShippedExampleReads() {
    KubernetesConfig config = KubernetesConfig.read(EXAMPLE);
    assertThat(config.loop().hubs()).extracting(h -> h.pool()).containsExactly("north", "south");
    assertThat(config.options().hubLabel()).isEqualTo("fairshift.dev/hub");
    assertThat(config.options().gpuResources()).containsExactly("nvidia.com/gpu", "amd.com/gpu");
    assertThat(config.options().timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.options().lease()).isEqualTo(new KubernetesOptions.Lease("fairshift", "fairshift-controller",
        Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2)));
  }

  private static KubernetesConfig parse(String engine) {
    return KubernetesConfig.parse(Cluster.CONFIG + "engine:\n" + engine, "k.yaml", true, Path.of("."));
  }

  @Test
  void engineSectionSetsEveryOption() {
    KubernetesConfig config = parse("""
          hubLabel: topology.kubernetes.io/region
          tenantLabel: team
          namespaces: [physics, civic]
          gpuResources: [nvidia.com/gpu]
          timeout: 30s
          lease: {namespace: ops, name: fs, duration: 20s, renewDeadline: 12s, retryPeriod: 3s}
        """);
    KubernetesOptions o = config.options();
    assertThat(o.hubLabel()).isEqualTo("topology.kubernetes.io/region");
    assertThat(o.tenantLabel()).contains("team");
    assertThat(o.namespaces()).isEqualTo(List.of("physics", "civic"));
    assertThat(o.gpuResources()).containsExactly("nvidia.com/gpu");
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.lease().namespace()).isEqualTo("ops");
    assertThat(o.lease().renewDeadline()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void mistakesNameTheFileAndTheField() {
    assertThatThrownBy(() -> parse("  hubLable: x\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("k.yaml").hasMessageContaining("engine.hubLable").hasMessageContaining("hubLabel");
    assertThatThrownBy(() -> parse("  timeout: soon\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("engine.timeout").hasMessageContaining("Maybe");
    assertThatThrownBy(() -> parse("  lease: {duration: 5s, renewDeadline: 10s}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("k.yaml").hasMessageContaining("renewDeadline");
    assertThatThrownBy(() -> parse("  namespaces: physics\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("engine.namespaces must be a list");
    assertThatThrownBy(() -> parse("  lease: {holder: me}\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("engine.lease.holder");
  }
}
