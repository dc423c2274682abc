package dev.fairshift.kubernetes;

/**
 * The names Fairshift reads and writes on Kubernetes objects: the intake markers, the annotations a user sets
 * (what the job needs) and the annotations the controller writes (its decision), all under
 * {@code fairshift.dev/}. The README's "Kubernetes" section documents each with an example.
 */
public final class FairshiftKeys {

  /** The scheduling gate that puts a pod under Fairshift's control (KEP-3521, GA in Kubernetes 1.30). */
  public static final String GATE = "fairshift.dev/carbon-aware";
  /** The label that, on a batch/v1 Job created with {@code spec.suspend: true}, puts it under Fairshift's control. */
  public static final String MANAGED = "fairshift.dev/managed";

  /** User: by when the job must have finished, RFC 3339 ({@code 2026-12-05T18:00:00Z}) or a duration after creation ({@code 12h}). */
  public static final String DEADLINE = "fairshift.dev/deadline";
  /** User: how long it runs at most ({@code 90m}, {@code 2h}, {@code PT2H}); else the Job's or pod's activeDeadlineSeconds, else the config's default. */
  public static final String DURATION = "fairshift.dev/duration";
  /** User: {@code true} or {@code false}; read and validated (the loop plans every job as one run for now). */
  public static final String INTERRUPTIBLE = "fairshift.dev/interruptible";
  /** User: comma-separated node-pool names (values of the hub label) it may run in; else any configured hub. */
  public static final String ALLOWED_HUBS = "fairshift.dev/allowed-hubs";

  /** Controller: the planned start of the job (RFC 3339 instant), the time it will be released. */
  public static final String PLANNED_START = "fairshift.dev/planned-start";
  /** Controller: the node pool (value of the hub label) it will run in. */
  public static final String HUB = "fairshift.dev/hub";
  /** Controller: one line saying why it waits (or not). */
  public static final String REASON = "fairshift.dev/reason";
  /** Controller: grams CO2e saved against starting it now on its first allowed hub (may be negative). */
  public static final String GRAMS_SAVED = "fairshift.dev/grams-saved";
  /** Controller: when it was released (RFC 3339 instant); also marks a released object as Fairshift's. */
  public static final String RELEASED_AT = "fairshift.dev/released-at";
  /** Controller: why it was released: planned, latest_start, deadline_unreachable or unmapped. */
  public static final String RELEASE_KIND = "fairshift.dev/release-kind";

  /** The default node label whose value names a node's pool (hub). */
  public static final String HUB_LABEL = "fairshift.dev/hub";
  /** The controller's name in Events ({@code reportingController}). */
  public static final String CONTROLLER = "fairshift.dev/controller";

  private FairshiftKeys() {
  }
}
