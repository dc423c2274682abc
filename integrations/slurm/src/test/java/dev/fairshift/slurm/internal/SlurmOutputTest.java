package dev.fairshift.slurm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Parsing of squeue/sinfo/scontrol output recorded from Debian 12's Slurm 22.05.8 (the cluster of
 * .ci/slurm/start.sh). The expected values were read off the recordings with another tool (python's json).
 */
class SlurmOutputTest {

  static String fixture(String name) {
    try (InputStream in = SlurmOutputTest.class.getResourceAsStream("/slurm-22.05/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, SqueueJob> byId(List<SqueueJob> jobs) {
    return jobs.stream().collect(Collectors.toMap(SqueueJob::jobId, Function.identity()));
  }

  @Test
  void readsEveryJobOfEveryStateWithItsFields() {
    Map<String, SqueueJob> jobs = byId(SlurmOutput.squeueJobs(fixture("squeue-all-states.json")));
    assertThat(jobs).hasSize(9);

    SqueueJob render = jobs.get("3");
    assertThat(render.name()).isEqualTo("render");
    assertThat(render.account()).isEqualTo("alice");
    assertThat(render.state()).isEqualTo("PENDING");
    assertThat(render.isHeld()).isTrue();
    assertThat(render.partition()).isEqualTo("north,south");
    assertThat(render.timeLimitMinutes().getAsLong()).isEqualTo(10);
    assertThat(render.cpus()).isEqualTo(OptionalInt.of(2));
    assertThat(render.eligibleTime()).contains(Instant.ofEpochSecond(1796420271L));
    assertThat(render.deadline()).contains(Instant.ofEpochSecond(1796427171L));
    assertThat(render.submitTime()).isEqualTo(Instant.ofEpochSecond(1796419971L));
    assertThat(render.adminComment()).isEqualTo("fairshift:intake");
    assertThat(render.comment()).isEqualTo("fairshift");

    SqueueJob train = jobs.get("4");
    assertThat(train.tresPerNode()).isEqualTo("gres:gpu:1");
    assertThat(SlurmOutput.jobGpus(train)).isEqualTo(1);
    assertThat(train.eligibleTime()).isEmpty();
    assertThat(train.deadline()).isEmpty();

    SqueueJob plain = jobs.get("5");
    assertThat(plain.state()).isEqualTo("RUNNING");
    assertThat(plain.isHeld()).isFalse();
    assertThat(plain.startTime()).contains(Instant.ofEpochSecond(1796419971L));

    SqueueJob planned = jobs.get("6");
    assertThat(planned.isHeld()).isFalse();
    assertThat(planned.stateReason()).isEqualTo("BeginTime");
    assertThat(planned.partition()).isEqualTo("south");

    SqueueJob cancelled = jobs.get("7");
    assertThat(cancelled.state()).isEqualTo("CANCELLED");
    assertThat(cancelled.cpus()).as("null cpus falls back to tres_req_str cpu=1").isEqualTo(OptionalInt.of(1));

    assertThat(jobs.get("8").state()).isEqualTo("COMPLETED");
    assertThat(jobs.get("8").endTime()).contains(Instant.ofEpochSecond(1796419971L));
    assertThat(jobs.get("9").timeLimitMinutes()).as("no --time: null time_limit").isEmpty();
  }

  @Test
  void readsNodesWithCpusGpusAndPartitions() {
    List<SinfoNode> nodes = SlurmOutput.sinfoNodes(fixture("sinfo.json"));
    assertThat(nodes).hasSize(1);
    SinfoNode vm = nodes.get(0);
    assertThat(vm.name()).isEqualTo("vm");
    assertThat(vm.cpus()).isEqualTo(16);
    assertThat(vm.partitions()).containsExactly("north", "south");
    assertThat(vm.usable()).isTrue();
  }

  @Test
  void readsPartitionsStateAndCpuCap() {
    List<PartitionInfo> partitions = SlurmOutput.partitions(fixture("scontrol-show-partition-oneliner.txt"));
    assertThat(partitions).containsExactly(
        new PartitionInfo("north", true, OptionalInt.of(8)),
        new PartitionInfo("south", true, OptionalInt.of(8)));
  }

  @Test
  void readsTheStructuredNumbersOfSlurm23() {
    String json = """
        {"meta": {}, "errors": [], "jobs": [{"job_id": 42, "name": "x", "account": "a", "user_name": "u",
          "job_state": ["PENDING"], "state_reason": "JobHeldAdmin",
          "priority": {"set": true, "infinite": false, "number": 0}, "partition": "north", "comment": "",
          "admin_comment": "", "qos": "normal",
          "submit_time": {"set": true, "infinite": false, "number": 1796419971},
          "eligible_time": {"set": false, "infinite": false, "number": 0},
          "start_time": {"set": true, "infinite": false, "number": 0},
          "end_time": {"set": true, "infinite": false, "number": 0},
          "deadline": {"set": true, "infinite": false, "number": 1796427171},
          "time_limit": {"set": true, "infinite": true, "number": 0},
          "cpus": {"set": true, "infinite": false, "number": 4},
          "node_count": {"set": true, "infinite": false, "number": 1},
          "tres_per_job": "gres/gpu:2", "tres_per_node": "", "tres_req_str": "cpu=4", "tres_alloc_str": ""}]}
        """;
    SqueueJob job = SlurmOutput.squeueJobs(json).get(0);
    assertThat(job.state()).isEqualTo("PENDING");
    assertThat(job.isHeld()).isTrue();
    assertThat(job.timeLimitMinutes()).as("infinite").isEmpty();
    assertThat(job.eligibleTime()).as("not set").isEmpty();
    assertThat(job.deadline()).contains(Instant.ofEpochSecond(1796427171L));
    assertThat(job.cpus()).isEqualTo(OptionalInt.of(4));
    assertThat(SlurmOutput.jobGpus(job)).isEqualTo(2);
  }

  @Test
  void refusesTextThatIsNotSqueueJson() {
    assertThatThrownBy(() -> SlurmOutput.squeueJobs(fixture("squeue-not-json.txt")))
        .isInstanceOf(MalformedSlurmOutputException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> SlurmOutput.squeueJobs("{\"meta\": {}}"))
        .hasMessageContaining("no \"jobs\" array");
    assertThatThrownBy(() -> SlurmOutput.squeueJobs(
        "{\"errors\": [{\"error\": \"Unable to contact slurm controller\"}], \"jobs\": []}"))
        .hasMessageContaining("Unable to contact slurm controller");
  }

  @Test
  void anEmptyJobListWithAnErrorIsNotAnEmptyQueue() {
    // Recorded with slurmctld stopped: squeue --json exits 0, prints no jobs and this error.
    assertThatThrownBy(() -> SlurmOutput.squeueJobs(fixture("squeue-controller-down.json")))
        .isInstanceOf(MalformedSlurmOutputException.class)
        .hasMessageContaining("slurm_load_jobs: Failed while looking for jobs: Unspecified error")
        .hasMessageContaining("Maybe slurmctld is not running");
  }

  @Test
  void namesTheFieldAndValueOfAnUnexpectedShape() {
    String json = fixture("squeue-all-states.json").replace("\"time_limit\": 10,", "\"time_limit\": \"10\",");
    assertThatThrownBy(() -> SlurmOutput.squeueJobs(json))
        .isInstanceOf(MalformedSlurmOutputException.class)
        .hasMessageContaining("squeue job 3")
        .hasMessageContaining("time_limit \"10\"");
  }

  @Test
  void refusesPartitionLinesThatAreNotKeyValue() {
    assertThatThrownBy(() -> SlurmOutput.partitions("PartitionName=north State=UP garbage\n"))
        .hasMessageContaining("'garbage', not Key=Value");
    assertThatThrownBy(() -> SlurmOutput.partitions("PartitionName=north MaxCPUsPerNode=many State=UP\n"))
        .hasMessageContaining("MaxCPUsPerNode=many");
    assertThat(SlurmOutput.partitions("PartitionName=x State=DOWN MaxCPUsPerNode=UNLIMITED\n"))
        .containsExactly(new PartitionInfo("x", false, OptionalInt.empty()));
  }
}
