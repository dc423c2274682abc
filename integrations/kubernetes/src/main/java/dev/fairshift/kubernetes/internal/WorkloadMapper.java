package dev.fairshift.kubernetes.internal;

import dev.fairshift.integrations.Decision;
import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.FieldProblem;
import dev.fairshift.integrations.JobRequest;
import dev.fairshift.integrations.JobState;
import dev.fairshift.integrations.LoopConfigReader;
import dev.fairshift.kubernetes.FairshiftKeys;
import dev.fairshift.kubernetes.KubernetesOptions;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads gated pods and suspended Jobs as {@link EngineJob}s: intake, state, requests from
 * {@code resources.requests}, the user's {@code fairshift.dev/*} annotations and the recorded decision. An
 * annotation that cannot be read becomes a {@link FieldProblem} naming it (the loop then releases the object
 * untouched and the engine says why in an Event). Stateless apart from its options; thread-safe.
 */
public final class WorkloadMapper {

  /** Id prefix of pods: {@code pods/<namespace>/<name>}. */
  public static final String POD_PREFIX = "pods/";
  /** Id prefix of Jobs: {@code jobs/<namespace>/<name>}. */
  public static final String JOB_PREFIX = "jobs/";

  private static final Duration YEAR = Duration.ofDays(366);
  /** A label value: at most 63 characters, alphanumerics at both ends, '-', '_' and '.' between. */
  private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private final KubernetesOptions options;

  public WorkloadMapper(KubernetesOptions options) {
    this.options = options;
  }

  /** Whether {@code pod} is under Fairshift's control: gated by {@link FairshiftKeys#GATE}, or released by it. */
  public boolean isOurs(Pod pod) {
    return inScope(pod) && (gated(pod) || annotation(pod, FairshiftKeys.RELEASED_AT).isPresent());
  }

  /** Whether {@code job} is under Fairshift's control: managed label and suspended, or released by it. */
  public boolean isOurs(Job job) {
    if (!inScope(job) || job.getMetadata().getLabels() == null
        || !job.getMetadata().getLabels().containsKey(FairshiftKeys.MANAGED)) {
      return false;
    }
    return suspended(job) || annotation(job, FairshiftKeys.RELEASED_AT).isPresent();
  }

  /** Whether the pod still carries Fairshift's scheduling gate. */
  public static boolean gated(Pod pod) {
    List<PodSchedulingGate> gates = pod.getSpec() == null ? null : pod.getSpec().getSchedulingGates();
    return gates != null && gates.stream().anyMatch(g -> FairshiftKeys.GATE.equals(g.getName()));
  }

  /** Whether the Job is suspended. */
  public static boolean suspended(Job job) {
    return job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend());
  }

  /** Whether Fairshift holds the Job: managed, suspended and not released by Fairshift before. */
  public static boolean held(Job job) {
    return suspended(job) && annotation(job, FairshiftKeys.RELEASED_AT).isEmpty();
  }

  /** The engine id of a pod. */
  public static String id(Pod pod) {
    return POD_PREFIX + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  /** The engine id of a Job. */
  public static String id(Job job) {
    return JOB_PREFIX + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
  }

  /** The pod as the loop sees it; {@code nodePool} gives the pool (hub label value) of a node by name. */
  public EngineJob pod(Pod pod, Function<String, Optional<String>> nodePool) {
    List<FieldProblem> problems = new ArrayList<>();
    PodSpec spec = pod.getSpec();
    String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
        : pod.getStatus().getPhase();
    JobState state;
    if (gated(pod)) {
      state = JobState.HELD;
    } else if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      state = JobState.FINISHED;
    } else if (pod.getMetadata().getDeletionTimestamp() != null) {
      state = JobState.CANCELLED;
    } else if ("Running".equals(phase)) {
      state = JobState.RUNNING;
    } else {
      state = JobState.PENDING;
    }
    Optional<String> pinned = Optional.ofNullable(spec.getNodeSelector()).map(s -> s.get(options.hubLabel()));
    JobRequest request = request(pod, spec, 1, spec.getActiveDeadlineSeconds(), pinned, problems);
    Optional<String> pool = Optional.ofNullable(spec.getNodeName()).flatMap(nodePool).or(() -> pinned);
    Optional<Instant> started = Optional.empty();
    Optional<Instant> ended = Optional.empty();
    if (state == JobState.RUNNING || state == JobState.FINISHED) {
      started = instant(pod.getStatus().getStartTime());
    }
    if (state == JobState.FINISHED && pod.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
        if (c.getState() != null && c.getState().getTerminated() != null) {
          Optional<Instant> at = instant(c.getState().getTerminated().getFinishedAt());
          if (at.isPresent() && (ended.isEmpty() || at.get().isAfter(ended.get()))) {
            ended = at;
          }
        }
      }
    }
    return job(pod, state, request, pool, started, ended, problems);
  }

  /** The Job as the loop sees it. */
  public EngineJob job(Job job) {
    List<FieldProblem> problems = new ArrayList<>();
    PodSpec spec = job.getSpec().getTemplate().getSpec();
    int parallelism = job.getSpec().getParallelism() == null ? 1 : Math.max(1, job.getSpec().getParallelism());
    if (job.getSpec().getCompletions() != null) {
      parallelism = Math.min(parallelism, Math.max(1, job.getSpec().getCompletions()));
    }
    var status = job.getStatus();
    JobState state;
    Optional<Instant> ended = Optional.empty();
    Optional<JobCondition> done = status == null || status.getConditions() == null ? Optional.empty()
        : status.getConditions().stream()
            .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                && "True".equals(c.getStatus()))
            .findFirst();
    if (held(job)) {
      state = JobState.HELD;
    } else if (done.isPresent()) {
      state = JobState.FINISHED;
      ended = instant(status.getCompletionTime()).or(() -> instant(done.get().getLastTransitionTime()));
    } else if (job.getMetadata().getDeletionTimestamp() != null) {
      state = JobState.CANCELLED;
    } else if (status != null && status.getStartTime() != null && !suspended(job)
        && (status.getActive() != null && status.getActive() > 0)) {
      state = JobState.RUNNING;
    } else {
      state = JobState.PENDING;
    }
    Optional<String> pinned = Optional.ofNullable(spec.getNodeSelector()).map(s -> s.get(options.hubLabel()));
    Long activeDeadline = job.getSpec().getActiveDeadlineSeconds() != null ? job.getSpec().getActiveDeadlineSeconds()
        : spec.getActiveDeadlineSeconds();
    JobRequest request = request(job, spec, parallelism, activeDeadline, pinned, problems);
    Optional<Instant> started = state == JobState.RUNNING || state == JobState.FINISHED
        ? instant(status == null ? null : status.getStartTime()) : Optional.empty();
    return job(job, state, request, pinned, started, ended, problems);
  }

  private EngineJob job(HasMetadata o, JobState state, JobRequest request, Optional<String> pool,
      Optional<Instant> started, Optional<Instant> ended, List<FieldProblem> problems) {
    ObjectMeta meta = o.getMetadata();
    String id = o instanceof Pod p ? id(p) : id((Job) o);
    Instant created = instant(meta.getCreationTimestamp()).orElse(Instant.EPOCH);
    Optional<Decision> decision = decision(o, problems);
    String tenant = options.tenantLabel()
        .flatMap(l -> Optional.ofNullable(meta.getLabels()).map(m -> m.get(l)))
        .orElse(meta.getNamespace());
    return new EngineJob(id, meta.getName(), tenant, state, created, request, decision, pool, started, ended,
        problems);
  }

  private JobRequest request(HasMetadata o, PodSpec spec, int parallelism, Long activeDeadlineSeconds,
      Optional<String> pinned, List<FieldProblem> problems) {
    Instant created = instant(o.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH);
    Optional<Duration> timeLimit = Optional.empty();
    Optional<String> duration = annotation(o, FairshiftKeys.DURATION);
    if (duration.isPresent()) {
      timeLimit = positiveDuration(FairshiftKeys.DURATION, duration.get(), problems,
          "Maybe 90m, 2h or PT2H: how long it runs at most");
    } else if (activeDeadlineSeconds != null && activeDeadlineSeconds > 0
        && activeDeadlineSeconds <= YEAR.toSeconds()) {
      timeLimit = Optional.of(Duration.ofSeconds(activeDeadlineSeconds));
    }
    Optional<Instant> deadline = Optional.empty();
    Optional<String> d = annotation(o, FairshiftKeys.DEADLINE);
    if (d.isPresent()) {
      deadline = deadline(d.get(), created, problems);
    }
    annotation(o, FairshiftKeys.INTERRUPTIBLE).ifPresent(v -> {
      String t = v.trim().toLowerCase(Locale.ROOT);
      if (!t.equals("true") && !t.equals("false")) {
        problems.add(new FieldProblem(FairshiftKeys.INTERRUPTIBLE, v, "is not true or false. Maybe \"true\"."));
      }
    });
    List<String> allowed = new ArrayList<>();
    Optional<String> hubs = annotation(o, FairshiftKeys.ALLOWED_HUBS);
    if (hubs.isPresent()) {
      for (String part : hubs.get().split(",", -1)) {
        String hub = part.trim();
        if (!LABEL_VALUE.matcher(hub).matches()) {
          problems.add(new FieldProblem(FairshiftKeys.ALLOWED_HUBS, hubs.get(), "'" + hub + "' is not a node-pool"
              + " name (a label value: letters, digits, '-', '_', '.', at most 63). Maybe \"north,south\"."));
          allowed.clear();
          break;
        }
        allowed.add(hub);
      }
    }
    if (pinned.isPresent()) {
      if (!allowed.isEmpty() && !allowed.contains(pinned.get())) {
        problems.add(new FieldProblem(FairshiftKeys.ALLOWED_HUBS, hubs.orElse(""), "does not list '" + pinned.get()
            + "', the pool its spec.nodeSelector " + options.hubLabel() + " already pins it to. Maybe add it, or"
            + " drop the node selector."));
      }
      allowed = List.of(pinned.get());
    }
    long cpuMillis;
    long gpus;
    try {
      cpuMillis = Resources.cpuMillis(spec) * parallelism;
      gpus = Resources.devices(spec, options.gpuResources()) * parallelism;
    } catch (ArithmeticException | IllegalArgumentException e) {
      problems.add(new FieldProblem("resources.requests", String.valueOf(spec.getContainers().stream()
          .map(c -> c.getResources() == null ? null : c.getResources().getRequests()).toList()),
          "cannot be read as quantities. Maybe cpu: 500m or cpu: \"2\"."));
      cpuMillis = 0;
      gpus = 0;
    }
    int cpus = Resources.wholeCpus(cpuMillis);
    return new JobRequest(timeLimit, Optional.empty(), deadline, allowed, cpus,
        (int) Math.min(Integer.MAX_VALUE, gpus));
  }

  private static Optional<Instant> deadline(String value, Instant created, List<FieldProblem> problems) {
    String t = value.trim();
    try {
      return Optional.of(OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeException notInstant) {
      // a duration after creation?
    }
    Optional<Duration> after = positiveDuration(FairshiftKeys.DEADLINE, value, problems,
        "Maybe an RFC 3339 instant such as 2026-12-05T18:00:00Z, or a duration after creation such as 12h");
    return after.map(created::plus);
  }

  private static Optional<Duration> positiveDuration(String field, String value, List<FieldProblem> problems,
      String maybe) {
    Duration d;
    try {
      d = LoopConfigReader.duration(value);
    } catch (DateTimeException | ArithmeticException e) {
      problems.add(new FieldProblem(field, value, "is not a duration. " + maybe + "."));
      return Optional.empty();
    }
    if (d.isZero() || d.isNegative() || d.compareTo(YEAR) > 0) {
      problems.add(new FieldProblem(field, value, "must be positive and at most 366 days. " + maybe + "."));
      return Optional.empty();
    }
    return Optional.of(d);
  }

  private static Optional<Decision> decision(HasMetadata o, List<FieldProblem> problems) {
    Optional<String> start = annotation(o, FairshiftKeys.PLANNED_START);
    Optional<String> hub = annotation(o, FairshiftKeys.HUB);
    if (start.isEmpty() || hub.isEmpty()) {
      return Optional.empty();   // none recorded, or half removed by hand: the loop writes it again
    }
    Instant at;
    try {
      at = Instant.parse(start.get().trim());
    } catch (DateTimeException e) {
      problems.add(new FieldProblem(FairshiftKeys.PLANNED_START, start.get(), "is not an RFC 3339 instant such as"
          + " 2026-12-05T22:00:00Z. Maybe it was edited by hand; remove it and the controller writes it again."));
      return Optional.empty();
    }
    double grams = 0;
    Optional<String> saved = annotation(o, FairshiftKeys.GRAMS_SAVED);
    if (saved.isPresent()) {
      try {
        grams = Double.parseDouble(saved.get().trim());
      } catch (NumberFormatException e) {
        grams = Double.NaN;
      }
      if (!Double.isFinite(grams)) {
        problems.add(new FieldProblem(FairshiftKeys.GRAMS_SAVED, saved.get(), "is not a number of grams. Maybe it"
            + " was edited by hand; remove it and the controller writes it again."));
        return Optional.empty();
      }
    }
    if (hub.get().isBlank()) {
      return Optional.empty();
    }
    String reason = annotation(o, FairshiftKeys.REASON).orElse("").replace('\n', ' ').replace('\r', ' ');
    return Optional.of(new Decision(hub.get().trim(), at, reason, grams));
  }

  private boolean inScope(HasMetadata o) {
    return options.namespaces().isEmpty() || options.namespaces().contains(o.getMetadata().getNamespace());
  }

  /** The annotation {@code key} of {@code o}, if set. */
  public static Optional<String> annotation(HasMetadata o, String key) {
    Map<String, String> annotations = o.getMetadata().getAnnotations();
    return annotations == null ? Optional.empty() : Optional.ofNullable(annotations.get(key));
  }

  /** An API timestamp (RFC 3339) as an instant; empty for null or unreadable. */
  public static Optional<Instant> instant(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
