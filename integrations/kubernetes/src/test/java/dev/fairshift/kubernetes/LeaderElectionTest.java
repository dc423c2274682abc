package dev.fairshift.kubernetes;

import static dev.fairshift.kubernetes.Cluster.HOUR;
import static dev.fairshift.kubernetes.Cluster.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.integrations.EngineUnavailableException;
import dev.fairshift.integrations.MutableClock;
import dev.fairshift.integrations.Release;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two replicas against one API server: only the holder of the Lease acts, and the other takes over. */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {

  KubernetesClient client;
  KubernetesMockServer server;

  private static KubernetesOptions options(String identity, MutableClock clock) {
    return KubernetesOptions.defaults().withIdentity(identity).withClock(clock)
        .withLease(new KubernetesOptions.Lease("fairshift", "fairshift-controller", Duration.ofSeconds(8),
            Duration.ofSeconds(5), Duration.ofMillis(250)));
  }

  @Test
  void onlyTheLeaderActsAndTheOtherTakesOverWhenItStops() throws Exception {
    Cluster.nodes(client);
    Cluster.create(client, Cluster.gatedPod("train-42", Map.of()));
    MutableClock clock = new MutableClock(T0);
    KubernetesClient otherClient = server.createClient();
    KubernetesController a = KubernetesController.start(client, Cluster.config(), options("replica-a", clock),
        b -> b.intensityFeed(Cluster.feed()));
    KubernetesController b = KubernetesController.start(otherClient, Cluster.config(), options("replica-b", clock),
        b2 -> b2.intensityFeed(Cluster.feed()));
    try {
      Cluster.await("one replica leads", () -> a.leading() || b.leading());
      KubernetesController first = a.leading() ? a : b;
      KubernetesController second = first == a ? b : a;
      String firstId = first == a ? "replica-a" : "replica-b";
      String secondId = first == a ? "replica-b" : "replica-a";

      // the leader's loop plans the pod; meanwhile (watched for 2 s) the other never leads nor passes
      Cluster.await("the leader records a decision", () -> client.pods().inNamespace("physics").withName("train-42")
          .get().getMetadata().getAnnotations().containsKey(FairshiftKeys.PLANNED_START));
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < until) {
        assertThat(a.leading() && b.leading()).as("both replicas lead").isFalse();
        assertThat(second.leading()).isFalse();
        Thread.sleep(10);
      }
      assertThat(second.loop().lastReport()).as("the follower's loop never passed").isEmpty();
      assertThat(first.loop().lastReport()).isPresent();
      // and its engine refuses to write even when called directly
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.engine().release("pods/physics/train-42",
          Release.untouched(Release.Kind.UNMAPPED, "follower"))).isInstanceOf(EngineUnavailableException.class)
          .hasMessageContaining("not the leader");
      Lease lease = client.leases().inNamespace("fairshift").withName("fairshift-controller").get();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(firstId);

      // the leader stops (a rolling update): the other takes over and releases the pod in its slot
      clock.set(T0.plus(HOUR.multipliedBy(3)));
      first.close();
      Cluster.await("the second replica leads", second::leading);
      Cluster.await("the new leader releases the pod", () -> {
        Pod pod = client.pods().inNamespace("physics").withName("train-42").get();
        return pod.getMetadata().getAnnotations().containsKey(FairshiftKeys.RELEASED_AT);
      });
      Pod pod = client.pods().inNamespace("physics").withName("train-42").get();
      assertThat(pod.getSpec().getNodeSelector()).containsEntry(FairshiftKeys.HUB_LABEL, "north");
      // the engine records its event just after the update that releases the pod
      Cluster.await("the new leader's release event", () -> Cluster.events(client, "physics", "train-42").size() >= 2);
      assertThat(Cluster.events(client, "physics", "train-42")).extracting(Event::getReason, Event::getReportingInstance)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Planned", firstId),
              org.assertj.core.groups.Tuple.tuple("PlannedSlot", secondId));
    } finally {
      a.close();
      b.close();
      otherClient.close();
    }
  }

  @Test
  void aReplicaThatLostTheLeaseRunsForItAgain() throws Exception {
    Cluster.nodes(client);
    MutableClock clock = new MutableClock(T0);
    try (KubernetesController a = KubernetesController.start(client, Cluster.config(), options("replica-a", clock),
        b -> b.intensityFeed(Cluster.feed()))) {
      Cluster.await("it leads", a::leading);
      // another holder takes the Lease (as after a partition): replica-a must stop acting ...
      for (int attempt = 0; ; attempt++) {
        try {
          client.leases().inNamespace("fairshift").withName("fairshift-controller").edit(l -> {
            l.getSpec().setHolderIdentity("intruder");
            l.getSpec().setRenewTime(java.time.ZonedDateTime.now());
            l.getSpec().setAcquireTime(java.time.ZonedDateTime.now());
            return l;
          });
          break;
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
          if (e.getCode() != 409 || attempt > 20) {
            throw e;   // 409: replica-a renewed in between; read again
          }
        }
      }
      Cluster.await("replica-a stops leading", () -> !a.leading());
      // ... and, once the intruder's claim has expired unrenewed, lead again
      Cluster.await("replica-a leads again", a::leading);
      assertThat(client.leases().inNamespace("fairshift").withName("fairshift-controller").get().getSpec()
          .getHolderIdentity()).isEqualTo("replica-a");
    }
  }
}
