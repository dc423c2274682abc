package dev.fairshift.kubernetes.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Resource arithmetic on pod specs, as the scheduler does it: a pod's effective request of a resource is the
 * larger of the sum over its app containers and the largest init container's (the Kubernetes rule,
 * <a href="https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers">
 * init containers</a>), plus {@code spec.overhead}.
 */
public final class Resources {

  private Resources() {
  }

  /** Millicores of CPU the pod requests (effective request). */
  public static long cpuMillis(PodSpec spec) {
    return effective(spec, "cpu", 1000);
  }

  /** Whole devices of the extended resources {@code names} (GPUs) the pod requests. */
  public static long devices(PodSpec spec, List<String> names) {
    long total = 0;
    for (String name : names) {
      total += effective(spec, name, 1);
    }
    return total;
  }

  /** Whole CPUs for {@code millis} millicores, rounded up (a pod asking 500m takes one CPU unit). */
  public static int wholeCpus(long millis) {
    return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
  }

  /** {@code q} scaled by {@code scale} (1000 for millicores), rounded up; 0 for null. */
  public static long scaled(Quantity q, long scale) {
    if (q == null) {
      return 0;
    }
    BigDecimal amount = q.getNumericalAmount().multiply(BigDecimal.valueOf(scale));
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** {@code q} scaled by {@code scale}, rounded down (what a node can give); 0 for null. */
  public static long scaledDown(Quantity q, long scale) {
    if (q == null) {
      return 0;
    }
    BigDecimal amount = q.getNumericalAmount().multiply(BigDecimal.valueOf(scale));
    return amount.setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  private static long effective(PodSpec spec, String resource, long scale) {
    long app = sum(spec.getContainers(), resource, scale);
    long init = 0;
    if (spec.getInitContainers() != null) {
      for (Container c : spec.getInitContainers()) {
        init = Math.max(init, request(c, resource, scale));
      }
    }
    long overhead = spec.getOverhead() == null ? 0 : scaled(spec.getOverhead().get(resource), scale);
    return Math.max(app, init) + overhead;
  }

  private static long sum(List<Container> containers, String resource, long scale) {
    long total = 0;
    if (containers != null) {
      for (Container c : containers) {
        total += request(c, resource, scale);
      }
    }
    return total;
  }

  private static long request(Container c, String resource, long scale) {
    if (c.getResources() == null) {
      return 0;
    }
    Map<String, Quantity> requests = c.getResources().getRequests();
    Quantity q = requests == null ? null : requests.get(resource);
    if (q == null && c.getResources().getLimits() != null) {
      // a container that sets only a limit gets a request equal to it (the API server defaults it so)
      q = c.getResources().getLimits().get(resource);
    }
    return scaled(q, scale);
  }
}
