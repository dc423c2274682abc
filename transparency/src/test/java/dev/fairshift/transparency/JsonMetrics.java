package dev.fairshift.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/** Where a page's data-metric key lives in the transparency JSON. */
final class JsonMetrics {
  private JsonMetrics() {}

  /**
   * The JSON node of {@code key}: {@code total/f} is {@code totals.f}, {@code tenant/x/f} is
   * {@code tenants[id=x].f}, {@code tenant/x/window/i/f} its {@code windows[i].f}, {@code class/c/f}
   * {@code tenantClasses[class=c].f}, {@code hub/h/f} {@code hubs[id=h].f}, {@code job/j/f}
   * {@code jobs[id=j].f}; null for the page-only keys (rows shown, chart periods). Ids must not hold '/'.
   */
  static JsonNode lookup(JsonNode tree, String key) {
    String[] parts = key.split("/");
    return switch (parts[0]) {
      case "total" -> parts[1].equals("jobRowsShown") ? null : tree.get("totals").get(parts[1]);
      case "tenant" -> parts.length == 3 ? find(tree.get("tenants"), "id", parts[1]).get(parts[2])
          : find(tree.get("tenants"), "id", parts[1]).get("windows").get(Integer.parseInt(parts[3])).get(parts[4]);
      case "class" -> find(tree.get("tenantClasses"), "class", parts[1]).get(parts[2]);
      case "hub" -> parts.length == 3 ? find(tree.get("hubs"), "id", parts[1]).get(parts[2]) : null;
      case "job" -> find(tree.get("jobs"), "id", parts[1]).get(parts[2]);
      default -> throw new AssertionError("unknown metric " + key);
    };
  }

  /** Whether the page's {@code value} (data-value) equals the JSON {@code node}. */
  static boolean same(String value, JsonNode node) {
    if (value.isEmpty()) {
      return node.isNull();
    }
    if (node.isBoolean()) {
      return value.equals(Boolean.toString(node.asBoolean()));
    }
    return node.isNumber() && Double.parseDouble(value) == node.asDouble();
  }

  static JsonNode find(JsonNode array, String field, String value) {
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      JsonNode n = it.next();
      if (n.get(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no " + field + " " + value);
  }
}
