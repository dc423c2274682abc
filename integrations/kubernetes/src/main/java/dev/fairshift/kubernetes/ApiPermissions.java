package dev.fairshift.kubernetes;

import java.util.List;
import java.util.Set;

/**
 * Every Kubernetes API call the controller makes, as RBAC rules: the one place that lists them. The shipped
 * {@code deploy/kubernetes/rbac.yaml} grants exactly these, and a test fails when it lacks one. A change that
 * makes the code call the API in a new way adds its rule here.
 */
public final class ApiPermissions {

  /**
   * One RBAC rule.
   *
   * @param apiGroup the API group, {@code ""} for the core group
   * @param resource the resource (plural)
   * @param verbs the verbs the code uses on it
   * @param why where the code uses it
   */
  public record Rule(String apiGroup, String resource, Set<String> verbs, String why) {
    public Rule {
      verbs = Set.copyOf(verbs);
    }
  }

  /** Pods: informer (list, watch), a fresh read before each write (get), decisions and release (update). */
  public static final Rule PODS = new Rule("", "pods", Set.of("get", "list", "watch", "update"),
      "intake of gated pods, capacity of running pods, decisions and release");
  /** Nodes: the informer behind hub capacity. */
  public static final Rule NODES = new Rule("", "nodes", Set.of("list", "watch"), "hubs and their capacity");
  /** Jobs: informer, a fresh read before each write, decisions and unsuspend. */
  public static final Rule JOBS = new Rule("batch", "jobs", Set.of("get", "list", "watch", "update"),
      "intake of suspended Jobs, decisions and unsuspend");
  /** Events (events.k8s.io/v1): what was decided and why. */
  public static final Rule EVENTS = new Rule("events.k8s.io", "events", Set.of("create"),
      "Events on pods and Jobs saying what was decided and why");
  /** The Lease of leader election (fabric8's LeaseLock reads it, creates it and renews it with a patch). */
  public static final Rule LEASES = new Rule("coordination.k8s.io", "leases", Set.of("get", "create", "patch"),
      "leader election: only the holder of the Lease acts");

  /** Every rule the controller needs. */
  public static final List<Rule> ALL = List.of(PODS, NODES, JOBS, EVENTS, LEASES);

  private ApiPermissions() {
  }
}
