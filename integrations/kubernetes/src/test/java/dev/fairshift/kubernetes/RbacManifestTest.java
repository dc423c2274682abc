package dev.fairshift.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes/ grants exactly what the code uses ({@link ApiPermissions}): a verb the code needs and the
 * manifest lacks fails here, and so does one the manifest grants that the code does not use.
 */
class RbacManifestTest {

  static final Path DEPLOY = Path.of(System.getProperty("basedir", ".")).resolve("../../deploy/kubernetes");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static List<JsonNode> documents(String file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class)
        .readValues(Files.readString(DEPLOY.resolve(file)))) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  /** (apiGroup, resource) -> verbs granted by the Roles and ClusterRoles of rbac.yaml. */
  private static Map<String, Set<String>> granted() throws IOException {
    Map<String, Set<String>> granted = new HashMap<>();
    for (JsonNode doc : documents("rbac.yaml")) {
      String kind = doc.path("kind").asText();
      if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
        continue;
      }
      for (JsonNode rule : doc.path("rules")) {
        for (JsonNode group : rule.path("apiGroups")) {
          for (JsonNode resource : rule.path("resources")) {
            Set<String> verbs = granted.computeIfAbsent(group.asText() + "/" + resource.asText(), k -> new HashSet<>());
            rule.path("verbs").forEach(v -> verbs.add(v.asText()));
          }
        }
      }
    }
    return granted;
  }

  @Test
  void theManifestGrantsEveryVerbTheCodeUsesAndNoOther() throws IOException {
    Map<String, Set<String>> granted = granted();
    Map<String, Set<String>> needed = new HashMap<>();
    for (ApiPermissions.Rule rule : ApiPermissions.ALL) {
      needed.put(rule.apiGroup() + "/" + rule.resource(), rule.verbs());
    }
    for (Map.Entry<String, Set<String>> need : needed.entrySet()) {
      assertThat(granted.getOrDefault(need.getKey(), Set.of()))
          .as("rbac.yaml grants on %s what the code uses", need.getKey())
          .containsAll(need.getValue());
    }
    assertThat(granted).as("rbac.yaml grants nothing the code does not use").isEqualTo(needed);
    assertThat(granted.values()).allSatisfy(verbs -> assertThat(verbs).doesNotContain("*", "delete", "deletecollection"));
  }

  @Test
  void theLeaseRoleIsInTheNamespaceOfTheExampleConfigsLease() throws IOException {
    KubernetesConfig config = KubernetesConfig.read(KubernetesConfigTest.EXAMPLE);
    JsonNode role = documents("rbac.yaml").stream().filter(d -> d.path("kind").asText().equals("Role")).findFirst()
        .orElseThrow();
    assertThat(role.path("metadata").path("namespace").asText()).isEqualTo(config.options().lease().namespace());
    assertThat(role.path("rules").get(0).path("resources").get(0).asText()).isEqualTo("leases");
  }

  @Test
  void theDeploymentRunsTwoReplicasAsTheServiceAccountWithTheExampleConfig() throws IOException {
    JsonNode deployment = documents("deployment.yaml").get(0);
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    String serviceAccount = documents("rbac.yaml").stream().filter(d -> d.path("kind").asText().equals("ServiceAccount"))
        .findFirst().orElseThrow().path("metadata").path("name").asText();
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo(serviceAccount);
    JsonNode container = pod.path("containers").get(0);
    assertThat(container.path("env").findValuesAsText("name")).contains("POD_NAME");
    assertThat(container.path("args").toString()).contains("kubernetes").contains("--token-env");

    JsonNode configMap = documents("configmap.yaml").get(0);
    assertThat(configMap.path("data").path("kubernetes.yaml").asText())
        .as("configmap.yaml carries examples/kubernetes.yaml verbatim")
        .isEqualTo(Files.readString(KubernetesConfigTest.EXAMPLE));
  }
}
