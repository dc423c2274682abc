package dev.fairshift.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded generators for the fuzz suite: small valid problems of random shape, and mutations of JSON
 * documents (types, magnitudes, structure, strings) and of their bytes (encodings, BOMs, invalid UTF-8,
 * deep nesting, duplicate keys, huge numbers, truncation). Each mutation returns a description, so
 * that a failing case names what it did; the same seed gives the same cases.
 */
final class Fuzz {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  /** Numbers that break arithmetic somewhere if nothing bounds them. */
  static final List<Object> NUMBERS = List.of(0, -1, -0.0, 1, 0.5, 1e-320, 1e-9, 1e5, 1e6, 1e10, 1e15, 1e300, 1e308,
      -1e308, Integer.MAX_VALUE, Integer.MIN_VALUE, (long) Integer.MAX_VALUE + 1, Long.MAX_VALUE, Long.MIN_VALUE,
      new BigInteger("123456789012345678901234567890"), 4.9e-324, 65_536, 65_535, 2.5);

  /** Strings that break parsing, messages or terminals if nothing checks them. */
  static final List<String> STRINGS = List.of("", " ", "x", "\u001B[2J\u001B[31mred", "a\nb\rc\td", "\u0000",
      "\u202Eevil", "\uD800", "\uFEFF", "Zürich-東京-😀", "2021-03-01T00:00:00Z", "2021-03-01T00:00:00",
      "+1000000000-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
      "PT30S", "average", "marginal", "NaN", "Infinity", "1e308", "x".repeat(5000), "../../etc/passwd");

  private Fuzz() {}

  /** A random valid problem: 1-3 zones, 1-4 hubs, 1-3 tenants, 1-25 jobs over 4-48 slots. */
  static Problem validProblem(Random r) {
    while (true) {
      try {
        return tryProblem(r);
      } catch (FairshiftException e) {
        // a random combination that breaks a rule (a job that fits no hub): draw again
      }
    }
  }

  private static Problem tryProblem(Random r) {
    int slotMinutes = List.of(15, 30, 60, 60, 60).get(r.nextInt(5));
    int slots = 4 + r.nextInt(45);
    Horizon horizon = Horizon.of(T0, slotMinutes, slots);
    Problem.Builder b = Problem.builder().horizon(horizon)
        .carbonPricePerTonne(r.nextBoolean() ? 0 : r.nextDouble() * 200)
        .transferKwhPerGb(r.nextDouble() * 0.1);
    int zones = 1 + r.nextInt(3);
    for (int z = 0; z < zones; z++) {
      double[] grams = new double[slots];
      for (int s = 0; s < slots; s++) {
        grams[s] = Math.round(r.nextDouble() * 900 * 10) / 10.0;
      }
      b.zone(r.nextInt(4) == 0 ? ZoneIntensity.withForecast("Z" + z, SlotSeries.of(grams), SlotSeries.of(grams))
          : ZoneIntensity.of("Z" + z, SlotSeries.of(grams)));
    }
    int hubs = 1 + r.nextInt(4);
    for (int h = 0; h < hubs; h++) {
      Hub.Builder hub = Hub.builder("hub-" + h, "Z" + r.nextInt(zones)).pue(1 + r.nextDouble())
          .capacityUnits(4 + r.nextInt(13)).pricePerKwh(r.nextDouble());
      if (r.nextInt(3) == 0) {
        hub.powerCapKw(200 + r.nextInt(400));
      }
      if (r.nextInt(3) == 0) {
        double[] kw = new double[slots];
        for (int s = 0; s < slots; s++) {
          kw[s] = r.nextDouble() * 20;
        }
        hub.renewableKw(SlotSeries.of(kw));
      }
      b.hub(hub.build());
    }
    int tenants = 1 + r.nextInt(3);
    for (int t = 0; t < tenants; t++) {
      Tenant tenant = Tenant.of("tenant-" + t, "research").withGuaranteedShare(r.nextInt(3) == 0 ? 0.2 : 0)
          .withMaxShare(r.nextInt(3) == 0 ? 0.8 : 1).withWeight(0.5 + r.nextDouble() * 2);
      b.tenant(r.nextInt(3) == 0 ? tenant.withFairnessWindowSlots(1 + r.nextInt(slots)) : tenant);
    }
    int jobs = 1 + r.nextInt(25);
    for (int j = 0; j < jobs; j++) {
      int duration = 1 + r.nextInt(Math.min(4, slots));
      int release = r.nextInt(slots - duration + 1);
      int deadline = Math.min(slots, release + duration + r.nextInt(slots));
      Job.Builder job = Job.builder("job-" + j, "tenant-" + r.nextInt(tenants)).durationSlots(duration)
          .powerKw(Math.round(r.nextDouble() * 500) / 10.0).units(1 + r.nextInt(4))
          .window(horizon.slotStart(release), horizon.slotStart(deadline))
          .interruptible(r.nextInt(4) == 0).priority(1 + r.nextInt(3));
      if (r.nextInt(3) == 0) {
        job.originHub("hub-" + r.nextInt(hubs)).dataGb(r.nextDouble() * 100);
      }
      if (r.nextInt(4) == 0) {
        job.allowedHubs("hub-" + r.nextInt(hubs));
      }
      b.job(job.build());
    }
    return b.build();
  }

  /** One place in a tree: a value and how to replace or remove it. */
  private record Slot(String path, JsonNode value, Consumer<JsonNode> replace, Runnable remove, JsonNode parent) {}

  private static void collect(JsonNode node, String path, List<Slot> out) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = o.get(name);
        String p = path.isEmpty() ? name : path + "." + name;
        out.add(new Slot(p, child, v -> o.set(name, v), () -> o.remove(name), o));
        collect(child, p, out);
      }
    } else if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        int index = i;
        String p = path + "[" + i + "]";
        out.add(new Slot(p, a.get(i), v -> a.set(index, v), () -> a.remove(index), a));
        collect(a.get(i), p, out);
      }
    }
  }

  static JsonNode number(Object n) {
    if (n instanceof Integer i) {
      return F.numberNode(i);
    }
    if (n instanceof Long l) {
      return F.numberNode(l);
    }
    if (n instanceof BigInteger big) {
      return F.numberNode(big);
    }
    return F.numberNode((Double) n);
  }

  /**
   * Mutates {@code root} in place, once or twice: a value's type, magnitude or text, a field removed,
   * added or renamed, an array emptied, repeated or grown. Returns what it did.
   */
  static String mutateTree(JsonNode root, Random r) {
    StringBuilder did = new StringBuilder();
    int times = r.nextInt(4) == 0 ? 2 : 1;
    for (int k = 0; k < times; k++) {
      List<Slot> slots = new ArrayList<>();
      collect(root, "", slots);
      if (slots.isEmpty()) {
        return did.append("nothing to mutate").toString();
      }
      // Every field name equally likely (then one of its occurrences): otherwise the many values of
      // the intensity series would take nearly every mutation, and powerKw or release almost none.
      Map<String, List<Slot>> byField = new java.util.TreeMap<>();
      for (Slot candidate : slots) {
        byField.computeIfAbsent(candidate.path().replaceAll("\\[\\d+\\]", "[]").replaceAll("^.*\\.", ""),
            key -> new ArrayList<>()).add(candidate);
      }
      List<List<Slot>> groups = new ArrayList<>(byField.values());
      List<List<Slot>> numeric = groups.stream().filter(g -> g.get(0).value().isNumber()).toList();
      // Half the time a number field, mostly set to an extreme: magnitudes are where arithmetic breaks.
      boolean magnitude = !numeric.isEmpty() && r.nextBoolean();
      List<Slot> group = magnitude ? numeric.get(r.nextInt(numeric.size())) : groups.get(r.nextInt(groups.size()));
      Slot s = group.get(r.nextInt(group.size()));
      int op = magnitude && r.nextInt(3) != 0 ? r.nextInt(2) * 8 : r.nextInt(10);
      String what;
      switch (op) {
        case 0, 1 -> {
          Object n = NUMBERS.get(r.nextInt(NUMBERS.size()));
          s.replace().accept(number(n));
          what = "number " + n;
        }
        case 2, 3 -> {
          String text = STRINGS.get(r.nextInt(STRINGS.size()));
          s.replace().accept(F.textNode(text));
          what = "string " + escapeForDescription(text);
        }
        case 4 -> {
          JsonNode other = List.<JsonNode>of(F.nullNode(), F.booleanNode(true), F.arrayNode(), F.objectNode(),
              F.arrayNode().add(1).add("x")).get(r.nextInt(5));
          s.replace().accept(other);
          what = "type " + other;
        }
        case 5 -> {
          s.remove().run();
          what = "removed";
        }
        case 6 -> {
          if (s.parent() instanceof ObjectNode o) {
            o.set(List.of("unknown", "Version", "jobz", "powerkw", "id ").get(r.nextInt(5)), F.numberNode(1));
            what = "unknown field beside";
          } else {
            ((ArrayNode) s.parent()).add(s.value().deepCopy());
            what = "array element repeated";
          }
        }
        case 7 -> {
          if (s.value().isArray()) {
            ArrayNode a = (ArrayNode) s.value();
            int grow = List.of(0, 1, 1000, 20_000).get(r.nextInt(4));
            if (grow == 0) {
              a.removeAll();
            } else if (!a.isEmpty()) {
              JsonNode first = a.get(0);
              for (int i = 0; i < grow; i++) {
                a.add(first.deepCopy());
              }
            }
            what = "array size changed by " + grow;
          } else {
            s.replace().accept(F.textNode(s.value().asText()));
            what = "as text";
          }
        }
        case 8 -> {
          if (s.value().isNumber()) {
            double v = s.value().asDouble();
            double[] scaled = {v * 1e3, v * 1e6, -v, v + 0.5, Math.nextUp(v), v * 1e300};
            double x = scaled[r.nextInt(scaled.length)];
            s.replace().accept(Double.isFinite(x) ? F.numberNode(x) : F.numberNode(new BigInteger("1" + "0".repeat(400))));
            what = "scaled number";
          } else {
            s.replace().accept(F.textNode(s.value().asText() + "\u0007"));
            what = "bell appended";
          }
        }
        default -> {
          JsonNode nested = F.numberNode(1);
          for (int i = 0; i < 50; i++) {
            nested = F.arrayNode().add(nested);
          }
          s.replace().accept(nested);
          what = "nested 50 deep";
        }
      }
      did.append(k == 0 ? "" : "; ").append(s.path()).append(": ").append(what);
    }
    return did.toString();
  }

  /** A byte-level mutation of {@code text}: encodings, BOMs, invalid UTF-8, nesting, duplicate keys, truncation. */
  static Map.Entry<byte[], String> mutateBytes(String text, Random r) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    int at = r.nextInt(utf8.length + 1);
    return switch (r.nextInt(12)) {
      case 0 -> Map.entry(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8), "UTF-8 BOM");
      case 1 -> Map.entry(text.getBytes(StandardCharsets.UTF_16BE), "UTF-16BE without BOM");
      case 2 -> Map.entry(text.getBytes(StandardCharsets.UTF_16), "UTF-16 with BOM");
      case 3 -> Map.entry(insert(utf8, at, new byte[] {(byte) 0xC3, (byte) 0x28}), "invalid UTF-8 at " + at);
      case 4 -> Map.entry(insert(utf8, at, new byte[] {(byte) 0xFF, (byte) 0xFE, 0}), "0xFF 0xFE NUL at " + at);
      case 5 -> Map.entry(java.util.Arrays.copyOf(utf8, at), "truncated at " + at);
      case 6 -> {
        int depth = List.of(999, 1001, 100_000).get(r.nextInt(3));
        String deep = "[".repeat(depth) + "]".repeat(depth);
        yield Map.entry(("{\"version\": 1, \"horizon\": " + deep + "}").getBytes(StandardCharsets.UTF_8),
            "nested " + depth + " deep");
      }
      case 7 -> {
        int brace = text.indexOf('{', r.nextInt(Math.max(1, text.length())));
        int i = brace < 0 ? text.indexOf('{') : brace;
        String dup = text.substring(0, i + 1) + "\"id\": \"dup\", \"id\": \"dup\", " + text.substring(i + 1);
        yield Map.entry(dup.getBytes(StandardCharsets.UTF_8), "duplicate key after offset " + i);
      }
      case 8 -> {
        String huge = List.of("1e400", "-1e400", "123456789012345678901234567890123456789", "1" + "0".repeat(2000),
            "0." + "0".repeat(1200) + "1", "-0", "1E+2147483648").get(r.nextInt(7));
        String replaced = text.replaceFirst("(\"(powerKw|pue|capacityUnits|slots|durationSlots|units|carbonPricePerTonne)\": )"
            + "[-0-9.eE+]+", "$1" + java.util.regex.Matcher.quoteReplacement(huge));
        yield Map.entry(replaced.getBytes(StandardCharsets.UTF_8), "number " + (huge.length() > 40
            ? huge.substring(0, 20) + "...(" + huge.length() + " chars)" : huge));
      }
      case 9 -> {
        byte[] flipped = utf8.clone();
        if (flipped.length > 0) {
          int i = r.nextInt(flipped.length);
          flipped[i] = (byte) r.nextInt(256);
          yield Map.entry(flipped, "byte " + i + " set to " + (flipped[i] & 0xFF));
        }
        yield Map.entry(flipped, "empty");
      }
      case 10 -> Map.entry(concat(utf8, "{}".getBytes(StandardCharsets.UTF_8)), "trailing document");
      default -> Map.entry(new byte[0], "empty file");
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static byte[] insert(byte[] a, int at, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.write(a, 0, at);
    out.writeBytes(b);
    out.write(a, at, a.length - at);
    return out.toByteArray();
  }

  /** Picks an element. */
  static <T> T pick(List<T> values, Random r) {
    return values.get(r.nextInt(values.size()));
  }

  static String escapeForDescription(String text) {
    String shown = text.length() > 30 ? text.substring(0, 30) + "...(" + text.length() + " chars)" : text;
    return dev.fairshift.core.Printable.escape(shown);
  }

  /** Every field name of a tree, e.g. to check that none is lost. */
  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** {@code typical} nine times in ten, else one of {@code odd}: most cases keep most fields sane. */
  @SafeVarargs
  static <T> T sometimes(Random r, T typical, T... odd) {
    return r.nextInt(10) != 0 ? typical : odd[r.nextInt(odd.length)];
  }

  /** A double field: typical, or NaN, an infinity, a negative, 1e308, the smallest double, zero, or huge. */
  static double anyDouble(Random r, double typical) {
    return sometimes(r, typical, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -typical, 1e308,
        Double.MIN_VALUE, 0.0, typical * 1e9);
  }

  /** An instant: typical, or an edge of java.time, or 5000 years earlier. */
  static Instant anyInstant(Random r, Instant typical) {
    return sometimes(r, typical, Instant.MAX, Instant.MIN, Instant.MAX.minus(Duration.ofHours(1)),
        typical.minus(Duration.ofDays(365L * 5000)), typical.plusNanos(1));
  }
}
