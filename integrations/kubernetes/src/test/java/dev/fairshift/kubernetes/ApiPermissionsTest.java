package dev.fairshift.kubernetes;

import static dev.fairshift.kubernetes.Cluster.HOUR;
import static dev.fairshift.kubernetes.Cluster.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.integrations.JobState;
import dev.fairshift.integrations.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the controller really sends the API server, turned into RBAC (group, resource, verb) triples, is within
 * {@link ApiPermissions}: so a new API call the list forgets fails here, and {@link RbacManifestTest} then ties
 * the list to deploy/kubernetes/rbac.yaml.
 */
@EnableKubernetesMockClient(crud = true)
class ApiPermissionsTest {

  KubernetesClient client;
  KubernetesMockServer server;

  private static final Pattern CORE = Pattern.compile("/api/v1/(?:namespaces/[^/]+/)?([a-z]+)(/[^/?]+)?(?:/[a-z]+)?");
  private static final Pattern GROUP =
      Pattern.compile("/apis/([^/]+)/[^/]+/(?:namespaces/[^/]+/)?([a-z]+)(/[^/?]+)?(?:/[a-z]+)?");

  /** {@code group/resource verb} of one request, as the API server's RBAC authoriser sees it. */
  static String rbac(RecordedRequest request) {
    String full = request.getPath();
    String path = full.contains("?") ? full.substring(0, full.indexOf('?')) : full;
    String query = full.contains("?") ? full.substring(full.indexOf('?') + 1) : "";
    String group;
    String resource;
    boolean named;
    Matcher core = CORE.matcher(path);
    Matcher grouped = GROUP.matcher(path);
    if (core.matches()) {
      group = "";
      resource = core.group(1);
      named = core.group(2) != null;
    } else if (grouped.matches()) {
      group = grouped.group(1);
      resource = grouped.group(2);
      named = grouped.group(3) != null;
    } else {
      return "unknown " + request.getMethod() + " " + full;
    }
    String verb = switch (request.getMethod()) {
      case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> "unknown-" + request.getMethod();
    };
    return group + "/" + resource + " " + verb;
  }

  @Test
  void everyRequestOfAControllersLifeIsListedInApiPermissions() throws Exception {
    Cluster.nodes(client);
    Cluster.create(client, Cluster.gatedPod("train-42", Map.of()));
    Cluster.create(client, Cluster.gatedPod("bad", Map.of(FairshiftKeys.DEADLINE, "someday")));
    Cluster.create(client, Cluster.suspendedJob());
    while (server.takeRequest(200, TimeUnit.MILLISECONDS) != null) {
      // the test's own requests so far
    }

    MutableClock clock = new MutableClock(T0);
    KubernetesOptions options = KubernetesOptions.defaults().withIdentity("only").withClock(clock)
        .withLease(new KubernetesOptions.Lease("fairshift", "fairshift-controller", Duration.ofSeconds(8),
            Duration.ofSeconds(5), Duration.ofMillis(250)));
    try (KubernetesController controller = KubernetesController.start(client, Cluster.config(), options,
        b -> b.intensityFeed(Cluster.feed()))) {
      Cluster.await("it leads", controller::leading);
      Cluster.await(controller.engine(), "jobs/civic/render-frames", j -> j.decision().isPresent());
      Cluster.await(controller.engine(), "pods/physics/bad", j -> j.state() == JobState.PENDING);
      clock.set(T0.plus(HOUR.multipliedBy(3)));
      controller.loop().reconcile();
      Cluster.await(controller.engine(), "pods/physics/train-42", j -> j.state() == JobState.PENDING);
      Cluster.await(controller.engine(), "jobs/civic/render-frames", j -> j.state() != JobState.HELD);
    }
    Set<String> used = new TreeSet<>();
    for (RecordedRequest r; (r = server.takeRequest(500, TimeUnit.MILLISECONDS)) != null; ) {
      used.add(rbac(r));
    }
    Set<String> listed = new TreeSet<>();
    for (ApiPermissions.Rule rule : ApiPermissions.ALL) {
      rule.verbs().forEach(v -> listed.add(rule.apiGroup() + "/" + rule.resource() + " " + v));
    }
    // what a controller's life must have used: informers, reads, updates, Events and the Lease
    assertThat(used).contains("/pods list", "/pods watch", "/pods get", "/pods update", "/nodes list",
        "/nodes watch", "batch/jobs list", "batch/jobs watch", "batch/jobs update", "events.k8s.io/events create",
        "coordination.k8s.io/leases get", "coordination.k8s.io/leases create");
    assertThat(listed).as("ApiPermissions lists every request the controller made").containsAll(used);
  }
}
