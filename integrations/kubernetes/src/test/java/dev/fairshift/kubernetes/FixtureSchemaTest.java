package dev.fairshift.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written fixtures use only fields of the v1 schema: fabric8's model keeps any field it does not know
 * in {@code additionalProperties}, so a misspelt or invented field shows up there.
 */
class FixtureSchemaTest {

  @ParameterizedTest
  @CsvSource({"node-north-1.json, Node", "node-south-1.json, Node", "node-south-2-notready.json, Node",
      "node-control-plane.json, Node", "pod-gated.json, Pod", "pod-running.json, Pod", "job-suspended.json, Job"})
  void everyFieldOfTheFixtureIsInTheV1Schema(String file, String kind) throws Exception {
    Class<? extends HasMetadata> type = switch (kind) {
      case "Node" -> Node.class;
      case "Pod" -> Pod.class;
      default -> Job.class;
    };
    HasMetadata o = Cluster.load(file, type);
    assertThat(o.getKind()).isEqualTo(kind);
    List<String> unknown = new ArrayList<>();
    walk(o, kind, unknown, new IdentityHashMap<>());
    assertThat(unknown).as("fields not in the v1 schema").isEmpty();
  }

  private static void walk(Object o, String path, List<String> unknown, Map<Object, Boolean> seen) throws Exception {
    if (o == null || seen.put(o, true) != null) {
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        walk(e, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        walk(e.getValue(), path + "." + e.getKey(), unknown, seen);
      }
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value = m.invoke(o);
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> unknown.add(path + "." + k));
        }
        continue;
      }
      walk(value, path + "." + m.getName().substring(3), unknown, seen);
    }
  }
}
