package dev.fairshift.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.integrations.EngineRejectedException;
import dev.fairshift.integrations.EngineUnavailableException;
import dev.fairshift.integrations.JobGoneException;
import dev.fairshift.slurm.internal.ProcessRunner;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Typed errors from what Slurm 22.05.8's scontrol printed on this cluster (messages recorded verbatim). */
class SlurmEngineClassifyTest {

  private static RuntimeException classify(String stderr) {
    return SlurmEngine.classify("release", "7", "scontrol release 7", new ProcessRunner.Result(1, "", stderr));
  }

  @Test
  void aJobSlurmDoesNotKnowIsGone() {
    assertThat(classify("Invalid job id specified for job 99999\nslurm_suspend error: Invalid job id specified\n"))
        .isInstanceOf(JobGoneException.class).hasMessageContaining("scontrol release 7")
        .hasMessageContaining("Invalid job id specified for job 99999");
  }

  @Test
  void anUnknownPartitionIsRejectedWithAFix() {
    assertThat(classify("Invalid partition name specified for job 10\n"))
        .isInstanceOf(EngineRejectedException.class).hasMessageContaining("Maybe the config maps a hub");
  }

  @Test
  void anUnreachableControllerIsUnavailable() {
    assertThat(classify("slurm_update error: Unable to contact slurm controller (connect failure)\n"))
        .isInstanceOf(EngineUnavailableException.class).hasMessageContaining("Maybe slurmctld or munged");
  }

  @Test
  void anythingElseIsARejectionNamingTheCommand() {
    assertThat(classify("something new\n")).isInstanceOf(EngineRejectedException.class)
        .hasMessageContaining("'scontrol release 7' failed (exit 1): something new");
  }

  @Test
  void timesAreWrittenForScontrolInUtcWithoutZone() {
    assertThat(SlurmEngine.scontrolTime(Instant.parse("2026-12-04T22:03:00.750Z"))).isEqualTo("2026-12-04T22:03:00");
  }
}
