package dev.fairshift.kubernetes;

import dev.fairshift.integrations.Decision;
import dev.fairshift.integrations.Engine;
import dev.fairshift.integrations.EngineException;
import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.EngineRejectedException;
import dev.fairshift.integrations.EngineTimeoutException;
import dev.fairshift.integrations.EngineUnavailableException;
import dev.fairshift.integrations.FieldProblem;
import dev.fairshift.integrations.HubCapacity;
import dev.fairshift.integrations.JobGoneException;
import dev.fairshift.integrations.Release;
import dev.fairshift.kubernetes.internal.Resources;
import dev.fairshift.kubernetes.internal.WorkloadMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Engine} of Kubernetes: a controller over gated pods and suspended Jobs, through fabric8's
 * kubernetes-client. Reads come from three informers (pods, Jobs, nodes; list once, then watch), so a pass
 * costs the API server nothing; writes are one optimistic {@code update} per object (it carries the
 * {@code resourceVersion} it read, so a concurrent change is a conflict, retried, never a lost write).
 *
 * <ul>
 *   <li><b>Intake</b>: pods with the scheduling gate {@link FairshiftKeys#GATE}; batch/v1 Jobs with the label
 *       {@link FairshiftKeys#MANAGED} created with {@code spec.suspend: true}. Ids are {@code pods/<ns>/<name>}
 *       and {@code jobs/<ns>/<name>}.
 *   <li><b>Hubs</b>: nodes grouped by the value of {@link KubernetesOptions#hubLabel()}; capacity is the
 *       allocatable CPUs and GPUs of ready, schedulable nodes, used is the requests of the pods bound to them
 *       that have not ended.
 *   <li><b>Decisions</b> ({@link #applyDecision}): the annotations {@link FairshiftKeys#PLANNED_START},
 *       {@link FairshiftKeys#HUB}, {@link FairshiftKeys#REASON}, {@link FairshiftKeys#GRAMS_SAVED}, read back
 *       after a restart, and an Event.
 *   <li><b>Release</b>: a pod gets the hub's node selector (allowed while gated, KEP-3838) and loses the gate in
 *       the same update; a Job gets the node selector in its pod template and {@code suspend: false}. Both are
 *       annotated {@link FairshiftKeys#RELEASED_AT} and get an Event saying why (a Warning naming the
 *       annotation when it could not be read).
 * </ul>
 *
 * <p>Kubernetes has no hold that expires by itself: a gated pod waits until a controller lifts the gate. The
 * planning loop releases every object by its latest start; while the controller is down, nothing is released.
 *
 * <pre>{@code
 * try (KubernetesClient client = new KubernetesClientBuilder().build();
 *      KubernetesEngine engine = KubernetesEngine.start(client, KubernetesOptions.defaults())) {
 *   PlanningLoop loop = PlanningLoop.builder(engine, config).build();
 *   loop.start();
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class KubernetesEngine implements Engine, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEngine.class);
  private static final String NAME = "kubernetes";
  private static final int CONFLICT_RETRIES = 3;
  private static final int NOTE_LIMIT = 1024;
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final KubernetesClient client;
  private final KubernetesOptions options;
  private final WorkloadMapper mapper;
  private final BooleanSupplier acting;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Job> jobs;
  private final SharedIndexInformer<Node> nodes;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong eventCounter = new AtomicLong();

  private KubernetesEngine(KubernetesClient client, KubernetesOptions options, BooleanSupplier acting) {
    this.client = client;
    this.options = options;
    this.mapper = new WorkloadMapper(options);
    this.acting = acting;
    this.pods = client.pods().inAnyNamespace().runnableInformer(0);
    this.jobs = client.batch().v1().jobs().inAnyNamespace().runnableInformer(0);
    this.nodes = client.nodes().runnableInformer(0);
    pods.addEventHandler(new Changes<>(mapper::isOurs));
    jobs.addEventHandler(new Changes<>(mapper::isOurs));
  }

  /**
   * Starts the informers and waits (up to the options' timeout) until they have listed the cluster once.
   *
   * @throws EngineUnavailableException the API server cannot be listed in time, naming the resource
   */
  public static KubernetesEngine start(KubernetesClient client, KubernetesOptions options) {
    return start(client, options, () -> true);
  }

  /**
   * Like {@link #start(KubernetesClient, KubernetesOptions)}; every write first asks {@code acting} and is
   * refused (as {@link EngineUnavailableException}) when it says no: with leader election, only the leader
   * writes, even when a pass was under way as leadership was lost.
   */
  public static KubernetesEngine start(KubernetesClient client, KubernetesOptions options, BooleanSupplier acting) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(acting, "acting");
    KubernetesEngine engine = new KubernetesEngine(client, options, acting);
    try {
      engine.sync(engine.nodes, "nodes");
      engine.sync(engine.pods, "pods");
      engine.sync(engine.jobs, "jobs.batch");
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  private void sync(SharedIndexInformer<?> informer, String resource) {
    try {
      informer.start().toCompletableFuture().get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new EngineUnavailableException(NAME, "start", null, "Listing " + resource + " took longer than "
          + options.timeout() + ". Maybe the API server is overloaded or unreachable; check the kubeconfig"
          + " or the in-cluster service account, or raise engine.timeout.", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why = cause instanceof KubernetesClientException k && k.getCode() == 403
          ? "forbidden (HTTP 403). Maybe apply deploy/kubernetes/rbac.yaml, which grants list and watch on "
              + resource + "."
          : (cause instanceof KubernetesClientException k2 && k2.getCode() > 0 ? "HTTP " + k2.getCode() + "."
              : "the API server cannot be reached. Maybe check the kubeconfig or the in-cluster service account.");
      throw new EngineUnavailableException(NAME, "start", null, "Cannot list " + resource + ": " + why, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineUnavailableException(NAME, "start", null, "Interrupted while listing " + resource + ".", e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The options this engine runs with. */
  public KubernetesOptions options() {
    return options;
  }

  @Override
  public List<HubCapacity> hubs() {
    requireSynced("hubs");
    Map<String, String> poolOfUsableNode = new HashMap<>();
    Map<String, long[]> pools = new TreeMap<>();   // pool -> cpu millis, gpus, used millis, used gpus, usable nodes
    for (Node node : nodes.getStore().list()) {
      Map<String, String> labels = node.getMetadata().getLabels();
      String pool = labels == null ? null : labels.get(options.hubLabel());
      if (pool == null) {
        continue;
      }
      long[] p = pools.computeIfAbsent(pool, k -> new long[5]);
      if (!usable(node)) {
        continue;
      }
      poolOfUsableNode.put(node.getMetadata().getName(), pool);
      Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
      if (allocatable != null) {
        p[0] += Resources.scaledDown(allocatable.get("cpu"), 1000);
        for (String gpu : options.gpuResources()) {
          p[1] += Resources.scaledDown(allocatable.get(gpu), 1);
        }
      }
      p[4]++;
    }
    for (Pod pod : pods.getStore().list()) {
      String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
      String pool = nodeName == null ? null : poolOfUsableNode.get(nodeName);
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if (pool == null || "Succeeded".equals(phase) || "Failed".equals(phase)) {
        continue;
      }
      long[] p = pools.get(pool);
      try {
        p[2] += Resources.cpuMillis(pod.getSpec());
        p[3] += Resources.devices(pod.getSpec(), options.gpuResources());
      } catch (ArithmeticException | IllegalArgumentException e) {
        // the API server validates quantities; one it let through is counted as nothing rather than stop the pass
        LOG.debug("Pod {}/{} has requests that cannot be read: {}", pod.getMetadata().getNamespace(),
            pod.getMetadata().getName(), e.toString());
      }
    }
    List<HubCapacity> result = new ArrayList<>();
    pools.forEach((pool, p) -> result.add(new HubCapacity(pool, clamp(p[0] / 1000), clamp(Resources.wholeCpus(p[2])),
        clamp(p[1]), clamp(p[3]), p[4] > 0)));
    return result;
  }

  private static boolean usable(Node node) {
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      return false;
    }
    List<NodeCondition> conditions = node.getStatus() == null ? null : node.getStatus().getConditions();
    return conditions != null && conditions.stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static int clamp(long v) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, v));
  }

  @Override
  public List<EngineJob> jobs() {
    requireSynced("jobs");
    Map<String, String> nodePools = new HashMap<>();
    for (Node node : nodes.getStore().list()) {
      Map<String, String> labels = node.getMetadata().getLabels();
      if (labels != null && labels.containsKey(options.hubLabel())) {
        nodePools.put(node.getMetadata().getName(), labels.get(options.hubLabel()));
      }
    }
    List<EngineJob> result = new ArrayList<>();
    for (Pod pod : pods.getStore().list()) {
      if (mapper.isOurs(pod)) {
        result.add(mapper.pod(pod, n -> Optional.ofNullable(nodePools.get(n))));
      }
    }
    for (Job job : jobs.getStore().list()) {
      if (mapper.isOurs(job)) {
        result.add(mapper.job(job));
      }
    }
    result.sort(Comparator.comparing(EngineJob::id));
    return result;
  }

  private void requireSynced(String operation) {
    if (!pods.hasSynced() || !jobs.hasSynced() || !nodes.hasSynced()) {
      throw new EngineUnavailableException(NAME, operation, null, "The pod, Job and node informers have not"
          + " listed the cluster yet (or were stopped). Maybe the API server is unreachable; the loop retries.",
          null);
    }
  }

  @Override
  public void applyDecision(String jobId, Decision decision) {
    Objects.requireNonNull(decision, "decision");
    Target target = target(jobId, "applyDecision");
    requireActing("applyDecision", jobId);
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put(FairshiftKeys.PLANNED_START, decision.plannedStart().toString());
    wanted.put(FairshiftKeys.HUB, decision.pool());
    wanted.put(FairshiftKeys.REASON, decision.reason());
    wanted.put(FairshiftKeys.GRAMS_SAVED, String.format(Locale.ROOT, "%.1f", decision.gramsSaved()));
    HasMetadata written = withRetry("applyDecision", jobId, () -> {
      HasMetadata current = fresh(target, "applyDecision");
      if (!held(current)) {
        throw new JobGoneException(NAME, "applyDecision", jobId, "The " + target.kind() + " " + target.path()
            + " is no longer held (released or started meanwhile); its decision is not recorded.", null);
      }
      Map<String, String> annotations = annotations(current);
      if (wanted.entrySet().stream().allMatch(e -> e.getValue().equals(annotations.get(e.getKey())))) {
        return null;   // already recorded: nothing changes
      }
      annotations.putAll(wanted);
      return update(target, current);
    });
    if (written != null) {
      event(written, "Normal", "Planned", "Plan", "Planned to start at " + decision.plannedStart() + " on node pool "
          + decision.pool() + " (" + options.hubLabel() + "=" + decision.pool() + "): " + decision.reason()
          + String.format(Locale.ROOT, "; saves %.1f g CO2e against starting now", decision.gramsSaved()));
    }
  }

  @Override
  public boolean release(String jobId, Release release) {
    Objects.requireNonNull(release, "release");
    Target target = target(jobId, "release");
    requireActing("release", jobId);
    String kind = release.kind().name().toLowerCase(Locale.ROOT);
    HasMetadata released = withRetry("release", jobId, () -> {
      HasMetadata current = fresh(target, "release");
      if (!held(current)) {
        return null;
      }
      Map<String, String> annotations = annotations(current);
      annotations.put(FairshiftKeys.RELEASED_AT, options.clock().instant().toString());
      annotations.put(FairshiftKeys.RELEASE_KIND, kind);
      annotations.put(FairshiftKeys.REASON, oneLine(release.reason()));
      release.pool().ifPresent(pool -> annotations.put(FairshiftKeys.HUB, pool));
      if (current instanceof Pod pod) {
        PodSpec spec = pod.getSpec();
        List<PodSchedulingGate> gates = new ArrayList<>(spec.getSchedulingGates());
        gates.removeIf(g -> FairshiftKeys.GATE.equals(g.getName()));
        spec.setSchedulingGates(gates);
        release.pool().ifPresent(pool -> addNodeSelector(spec, pool));
      } else {
        Job job = (Job) current;
        job.getSpec().setSuspend(false);
        release.pool().ifPresent(pool -> addNodeSelector(job.getSpec().getTemplate().getSpec(), pool));
      }
      return update(target, current);
    });
    if (released == null) {
      return false;
    }
    List<FieldProblem> problems = target.pod() ? mapper.pod((Pod) released, n -> Optional.empty()).fieldProblems()
        : mapper.job((Job) released).fieldProblems();
    String where = release.pool().map(p -> " on node pool " + p + " (" + options.hubLabel() + "=" + p + ")")
        .orElse(" where it asked to run");
    String what = target.pod() ? "Scheduling gate " + FairshiftKeys.GATE + " removed" : "Unsuspended";
    if (!problems.isEmpty()) {
      event(released, "Warning", "InvalidAnnotation", "Release", what + where + " at once, unplanned: "
          + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
    } else {
      boolean warn = release.kind() == Release.Kind.UNMAPPED || release.kind() == Release.Kind.DEADLINE_UNREACHABLE;
      event(released, warn ? "Warning" : "Normal", switch (release.kind()) {
        case PLANNED -> "PlannedSlot";
        case LATEST_START -> "LatestStart";
        case DEADLINE_UNREACHABLE -> "DeadlineUnreachable";
        case UNMAPPED -> "NotPlanned";
      }, "Release", what + where + ": " + release.reason());
    }
    return true;
  }

  private void addNodeSelector(PodSpec spec, String pool) {
    Map<String, String> selector = spec.getNodeSelector() == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(spec.getNodeSelector());
    // only added, never changed: the API server allows adding node selector terms to a gated pod (KEP-3838)
    selector.putIfAbsent(options.hubLabel(), pool);
    spec.setNodeSelector(selector);
  }

  @Override
  public AutoCloseable onChange(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Stops the informers; the cluster keeps every decision and gate as they are. */
  @Override
  public void close() {
    pods.stop();
    jobs.stop();
    nodes.stop();
  }

  private boolean held(HasMetadata o) {
    return o instanceof Pod pod ? WorkloadMapper.gated(pod) : WorkloadMapper.held((Job) o);
  }

  private static Map<String, String> annotations(HasMetadata o) {
    if (o.getMetadata().getAnnotations() == null) {
      o.getMetadata().setAnnotations(new LinkedHashMap<>());
    }
    return o.getMetadata().getAnnotations();
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  private void requireActing(String operation, String jobId) {
    if (!acting.getAsBoolean()) {
      throw new EngineUnavailableException(NAME, operation, jobId, "This replica (" + options.identity()
          + ") is not the leader; it does not write. The leader's loop acts on " + jobId + ".", null);
    }
  }

  private record Target(boolean pod, String namespace, String name) {
    String kind() {
      return pod ? "pod" : "Job";
    }

    String path() {
      return namespace + "/" + name;
    }
  }

  private static Target target(String jobId, String operation) {
    Objects.requireNonNull(jobId, "jobId");
    boolean pod = jobId.startsWith(WorkloadMapper.POD_PREFIX);
    String rest = pod ? jobId.substring(WorkloadMapper.POD_PREFIX.length())
        : jobId.startsWith(WorkloadMapper.JOB_PREFIX) ? jobId.substring(WorkloadMapper.JOB_PREFIX.length()) : null;
    int slash = rest == null ? -1 : rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
      throw new JobGoneException(NAME, operation, jobId, "'" + jobId + "' is not a Kubernetes job id; ids are"
          + " pods/<namespace>/<name> or jobs/<namespace>/<name>.", null);
    }
    return new Target(pod, rest.substring(0, slash), rest.substring(slash + 1));
  }

  private HasMetadata fresh(Target t, String operation) {
    HasMetadata current = t.pod() ? client.pods().inNamespace(t.namespace()).withName(t.name()).get()
        : client.batch().v1().jobs().inNamespace(t.namespace()).withName(t.name()).get();
    if (current == null) {
      throw new JobGoneException(NAME, operation, (t.pod() ? WorkloadMapper.POD_PREFIX : WorkloadMapper.JOB_PREFIX)
          + t.path(), "The " + t.kind() + " " + t.path() + " no longer exists (deleted); it leaves the plan.", null);
    }
    return current;
  }

  private HasMetadata update(Target t, HasMetadata edited) {
    // the object carries the resourceVersion it was read with: a change in between is a 409, retried
    return t.pod() ? client.pods().inNamespace(t.namespace()).resource((Pod) edited).update()
        : client.batch().v1().jobs().inNamespace(t.namespace()).resource((Job) edited).update();
  }

  private interface Write {
    HasMetadata run();
  }

  private HasMetadata withRetry(String operation, String jobId, Write write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.run();
      } catch (EngineException e) {
        throw e;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt < CONFLICT_RETRIES) {
          continue;   // changed since read: read again and redo
        }
        throw translate(e, operation, jobId);
      }
    }
  }

  private EngineException translate(KubernetesClientException e, String operation, String jobId) {
    int code = e.getCode();
    String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "";
    if (code == 404) {
      return new JobGoneException(NAME, operation, jobId, jobId + " no longer exists (deleted); it leaves the plan.",
          e);
    }
    if (code == 409) {
      return new EngineRejectedException(NAME, operation, jobId, jobId + " kept changing while Fairshift wrote it ("
          + CONFLICT_RETRIES + " conflicts); retried on the next pass.", e);
    }
    if (code == 403) {
      return new EngineRejectedException(NAME, operation, jobId, "Forbidden to " + operation + " " + jobId
          + ". Maybe apply deploy/kubernetes/rbac.yaml (the verbs of ApiPermissions).", e);
    }
    if (code >= 400 && code < 500) {
      return new EngineRejectedException(NAME, operation, jobId, "The API server refused " + operation + " of "
          + jobId + " (HTTP " + code + (status.isEmpty() ? "" : ": " + status) + ").", e);
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof TimeoutException || c instanceof SocketTimeoutException || c instanceof InterruptedIOException) {
        return new EngineTimeoutException(NAME, operation, jobId, "The API server did not answer " + operation
            + " of " + jobId + " within " + options.timeout() + "; retried on the next pass.", e);
      }
    }
    return new EngineUnavailableException(NAME, operation, jobId, "Cannot reach the API server for " + operation
        + " of " + jobId + (code > 0 ? " (HTTP " + code + ")" : "") + "; retried on the next pass.", e);
  }

  private void event(HasMetadata about, String type, String reason, String action, String note) {
    Instant now = options.clock().instant();
    String namespace = about.getMetadata().getNamespace();
    String name = about.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
        + Long.toHexString(eventCounter.incrementAndGet());
    boolean pod = about instanceof Pod;
    Event event = new EventBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withRegarding(new ObjectReferenceBuilder()
            .withApiVersion(pod ? "v1" : "batch/v1")
            .withKind(pod ? "Pod" : "Job")
            .withNamespace(namespace)
            .withName(about.getMetadata().getName())
            .withUid(about.getMetadata().getUid())
            .withResourceVersion(about.getMetadata().getResourceVersion())
            .build())
        .withType(type)
        .withReason(reason)
        .withAction(action)
        .withNote(note.length() > NOTE_LIMIT ? note.substring(0, NOTE_LIMIT - 3) + "..." : note)
        .withReportingController(FairshiftKeys.CONTROLLER)
        .withReportingInstance(options.identity())
        .withEventTime(new MicroTime(MICRO_TIME.format(now)))
        .build();
    try {
      client.events().v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      // an Event is an explanation: its loss must not undo or repeat the change it explains
      LOG.warn("Cannot create the Event '{}' on {} {}/{} (HTTP {}): {}", reason, pod ? "pod" : "Job", namespace,
          about.getMetadata().getName(), e.getCode(), note);
    }
  }

  /** Tells the loop when one of Fairshift's pods or Jobs appears, changes or goes. */
  private final class Changes<T> implements ResourceEventHandler<T> {
    private final java.util.function.Predicate<T> ours;

    Changes(java.util.function.Predicate<T> ours) {
      this.ours = ours;
    }

    @Override
    public void onAdd(T obj) {
      if (ours.test(obj)) {
        fire();
      }
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      if (ours.test(oldObj) || ours.test(newObj)) {
        fire();
      }
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      if (ours.test(obj)) {
        fire();
      }
    }

    private void fire() {
      for (Runnable listener : listeners) {
        try {
          listener.run();
        } catch (RuntimeException e) {
          LOG.warn("A change listener failed: {}", e.toString());
        }
      }
    }
  }
}
