package dev.fairshift.slurm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Slurm's machine-readable output with Jackson, field by field, and refuses anything else with a
 * {@link MalformedSlurmOutputException} that names the field and the value.
 *
 * <p>Numbers are read both as Slurm 22.05 prints them (OpenAPI v0.0.38: a plain number or {@code null}) and
 * as 23.02+ prints them (v0.0.39+: {@code {"set": true, "infinite": false, "number": 5}}); {@code job_state}
 * both as a string (22.05) and as an array of strings (23.02+). Stateless and thread-safe.
 */
public final class SlurmOutput {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TRES_CPU = Pattern.compile("(?:^|,)cpu=(\\d+)(?:,|$)");
  private static final Pattern GRES_GPU = Pattern.compile("^gres[:/]gpu(?::[A-Za-z0-9_.-]+)?[:=](\\d+)$");
  private static final Pattern NODE_GPU = Pattern.compile("^gpu(?::[A-Za-z0-9_.-]+)?:(\\d+)(?:\\(.*\\))?$");

  private SlurmOutput() {
  }

  /** The jobs of {@code squeue --json}. */
  public static List<SqueueJob> squeueJobs(String json) {
    JsonNode root = document(json, "squeue --json");
    JsonNode jobs = root.get("jobs");
    if (jobs == null || !jobs.isArray()) {
      throw new MalformedSlurmOutputException("squeue --json printed no \"jobs\" array.");
    }
    List<SqueueJob> result = new ArrayList<>(jobs.size());
    for (JsonNode job : jobs) {
      String id = requiredNumber(job, "job_id", "squeue job").orElseThrow(() ->
          new MalformedSlurmOutputException("squeue job has a null job_id.")) + "";
      String where = "squeue job " + id;
      OptionalInt cpus = optionalInt(job, "cpus", where);
      if (cpus.isEmpty()) {
        Matcher m = TRES_CPU.matcher(text(job, "tres_req_str", where));
        if (m.find()) {
          cpus = OptionalInt.of(Integer.parseInt(m.group(1)));
        }
      }
      OptionalLong limit = requiredNumber(job, "time_limit", where).map(OptionalLong::of)
          .orElse(OptionalLong.empty());
      result.add(new SqueueJob(id,
          text(job, "name", where),
          text(job, "account", where),
          text(job, "user_name", where),
          jobState(job, where),
          text(job, "state_reason", where),
          requiredNumber(job, "priority", where).orElse(0L),
          text(job, "partition", where),
          text(job, "comment", where),
          text(job, "admin_comment", where),
          text(job, "qos", where),
          instant(job, "submit_time", where).orElseThrow(() ->
              new MalformedSlurmOutputException(where + " has no submit_time.")),
          instant(job, "eligible_time", where),
          instant(job, "start_time", where),
          instant(job, "end_time", where),
          instant(job, "deadline", where),
          limit,
          cpus,
          optionalInt(job, "node_count", where).orElse(1),
          text(job, "tres_per_job", where),
          text(job, "tres_per_node", where),
          text(job, "tres_alloc_str", where)));
    }
    return result;
  }

  /** The nodes of {@code sinfo --json}. */
  public static List<SinfoNode> sinfoNodes(String json) {
    JsonNode root = document(json, "sinfo --json");
    JsonNode nodes = root.get("nodes");
    if (nodes == null || !nodes.isArray()) {
      throw new MalformedSlurmOutputException("sinfo --json printed no \"nodes\" array.");
    }
    List<SinfoNode> result = new ArrayList<>(nodes.size());
    for (JsonNode node : nodes) {
      String name = text(node, "name", "sinfo node");
      String where = "sinfo node " + name;
      result.add(new SinfoNode(name,
          optionalInt(node, "cpus", where).orElse(0),
          optionalInt(node, "alloc_cpus", where).orElse(0),
          nodeGpus(text(node, "gres", where), where),
          strings(node, "partitions", where),
          nodeState(node, where),
          node.has("state_flags") ? strings(node, "state_flags", where) : List.of()));
    }
    return result;
  }

  /**
   * The partitions of {@code scontrol show partition --oneliner}: one line per partition of space-separated
   * {@code Key=Value} pairs (values never contain a space in this output).
   */
  public static List<PartitionInfo> partitions(String text) {
    List<PartitionInfo> result = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String name = null;
      Boolean up = null;
      OptionalInt maxCpus = OptionalInt.empty();
      for (String token : line.trim().split("\\s+")) {
        int eq = token.indexOf('=');
        if (eq <= 0) {
          throw new MalformedSlurmOutputException("scontrol show partition printed '" + token
              + "', not Key=Value, in line '" + line.trim() + "'.");
        }
        String key = token.substring(0, eq);
        String value = token.substring(eq + 1);
        switch (key) {
          case "PartitionName" -> name = value;
          case "State" -> up = "UP".equals(value);
          case "MaxCPUsPerNode" -> {
            if (!"UNLIMITED".equals(value)) {
              try {
                maxCpus = OptionalInt.of(Integer.parseInt(value));
              } catch (NumberFormatException e) {
                throw new MalformedSlurmOutputException("scontrol show partition printed MaxCPUsPerNode="
                    + value + ", neither a number nor UNLIMITED.", e);
              }
            }
          }
          default -> {
            // other partition settings do not change what Fairshift plans
          }
        }
      }
      if (name == null || up == null) {
        throw new MalformedSlurmOutputException("scontrol show partition printed a line without PartitionName"
            + " or State: '" + line.trim() + "'.");
      }
      result.add(new PartitionInfo(name, up, maxCpus));
    }
    return result;
  }

  /**
   * GPUs a job asks for in total from its {@code tres_per_job} ({@code gres:gpu:2}, {@code gres/gpu=2}) or,
   * failing that, {@code tres_per_node} times its node count; 0 when it asks for none.
   *
   * @throws MalformedSlurmOutputException a GPU request in a form Fairshift does not read
   */
  public static int jobGpus(SqueueJob job) {
    int perJob = gpuRequest(job.tresPerJob(), "tres_per_job", job.jobId());
    if (perJob > 0) {
      return perJob;
    }
    return gpuRequest(job.tresPerNode(), "tres_per_node", job.jobId()) * Math.max(1, job.nodeCount());
  }

  /** GPUs allocated to a running job, from {@code tres_alloc_str} ({@code gres/gpu=1}); 0 if none. */
  public static int allocatedGpus(SqueueJob job) {
    for (String part : job.tresAllocStr().split(",")) {
      if (part.startsWith("gres/gpu=")) {
        try {
          return Integer.parseInt(part.substring("gres/gpu=".length()));
        } catch (NumberFormatException e) {
          throw new MalformedSlurmOutputException("squeue job " + job.jobId() + " has tres_alloc_str '"
              + job.tresAllocStr() + "' with an unreadable GPU count.", e);
        }
      }
    }
    return 0;
  }

  private static int gpuRequest(String tres, String field, String jobId) {
    if (tres.isBlank()) {
      return 0;
    }
    int total = 0;
    for (String part : tres.split(",")) {
      if (!part.contains("gpu")) {
        continue;
      }
      Matcher m = GRES_GPU.matcher(part);
      if (!m.matches()) {
        throw new MalformedSlurmOutputException("squeue job " + jobId + " has " + field + " '" + tres
            + "': the GPU request '" + part + "' is not of the form gres:gpu[:type]:N.");
      }
      total += Integer.parseInt(m.group(1));
    }
    return total;
  }

  private static int nodeGpus(String gres, String where) {
    if (gres.isBlank() || "(null)".equals(gres)) {
      return 0;
    }
    int total = 0;
    for (String part : gres.split(",(?![^(]*\\))")) {
      if (!part.startsWith("gpu")) {
        continue;
      }
      Matcher m = NODE_GPU.matcher(part);
      if (!m.matches()) {
        throw new MalformedSlurmOutputException(where + " has gres '" + gres + "': '" + part
            + "' is not of the form gpu[:type]:N.");
      }
      total += Integer.parseInt(m.group(1));
    }
    return total;
  }

  private static JsonNode document(String json, String command) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedSlurmOutputException(command + " printed text that is not JSON (at line "
          + e.getLocation().getLineNr() + "). Maybe this Slurm was built without its JSON serializer"
          + " (Debian: the slurm-wlm-basic-plugins package).", e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedSlurmOutputException(command + " printed no JSON object.");
    }
    JsonNode errors = root.get("errors");
    if (errors != null && errors.isArray() && !errors.isEmpty()) {
      // Slurm 22.05 exits 0 with an empty job list and this error when slurmctld is down.
      JsonNode first = errors.get(0);
      StringBuilder detail = new StringBuilder();
      for (String key : List.of("source", "description", "error")) {
        if (first.hasNonNull(key) && !first.get(key).asText().isBlank()) {
          detail.append(detail.length() == 0 ? "" : ": ").append(first.get(key).asText());
        }
      }
      throw new MalformedSlurmOutputException(command + " reported an error: "
          + (detail.length() == 0 ? first.toString() : detail) + ". Maybe slurmctld is not running or not"
          + " reachable (scontrol ping).");
    }
    return root;
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw new MalformedSlurmOutputException(where + " has " + field + " " + value + ", not a string.");
    }
    return value.asText();
  }

  private static List<String> strings(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new MalformedSlurmOutputException(where + " has " + field + " " + value + ", not an array.");
    }
    List<String> result = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new MalformedSlurmOutputException(where + " has " + field + " " + value
            + " with a non-string item.");
      }
      result.add(item.asText());
    }
    return result;
  }

  private static String jobState(JsonNode job, String where) {
    JsonNode value = job.get("job_state");
    if (value != null && value.isTextual()) {
      return value.asText();
    }
    if (value != null && value.isArray() && !value.isEmpty() && value.get(0).isTextual()) {
      return value.get(0).asText();
    }
    throw new MalformedSlurmOutputException(where + " has job_state " + value
        + ", neither a state name nor a list of them.");
  }

  private static String nodeState(JsonNode node, String where) {
    JsonNode value = node.get("state");
    if (value != null && value.isTextual()) {
      return value.asText();
    }
    if (value != null && value.isArray() && !value.isEmpty() && value.get(0).isTextual()) {
      return value.get(0).asText();
    }
    throw new MalformedSlurmOutputException(where + " has state " + value + ", not a state name.");
  }

  /**
   * A number field: empty when null, unset or infinite; present (0 included) otherwise. The field must exist.
   */
  static Optional<Long> requiredNumber(JsonNode node, String field, String where) {
    if (!node.has(field)) {
      throw new MalformedSlurmOutputException(where + " has no field " + field + ".");
    }
    return number(node.get(field), field, where);
  }

  private static Optional<Long> number(JsonNode value, String field, String where) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isIntegralNumber()) {
      return Optional.of(value.asLong());
    }
    if (value.isObject() && value.has("set") && value.has("number")) {
      boolean set = value.get("set").asBoolean();
      boolean infinite = value.has("infinite") && value.get("infinite").asBoolean();
      if (!set || infinite) {
        return Optional.empty();
      }
      if (!value.get("number").isIntegralNumber()) {
        throw new MalformedSlurmOutputException(where + " has " + field + " " + value
            + " whose number is not an integer.");
      }
      return Optional.of(value.get("number").asLong());
    }
    throw new MalformedSlurmOutputException(where + " has " + field + " " + value
        + ", neither a number nor {set, infinite, number}.");
  }

  private static OptionalInt optionalInt(JsonNode node, String field, String where) {
    Optional<Long> value = number(node.get(field), field, where);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    long v = value.get();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new MalformedSlurmOutputException(where + " has " + field + " " + v + ", out of range.");
    }
    return OptionalInt.of((int) v);
  }

  private static Optional<Instant> instant(JsonNode node, String field, String where) {
    Optional<Long> seconds = number(node.get(field), field, where);
    if (seconds.isEmpty() || seconds.get() == 0) {
      return Optional.empty();
    }
    if (seconds.get() < 0) {
      throw new MalformedSlurmOutputException(where + " has " + field + " " + seconds.get()
          + ", a negative epoch second.");
    }
    return Optional.of(Instant.ofEpochSecond(seconds.get()));
  }
}
