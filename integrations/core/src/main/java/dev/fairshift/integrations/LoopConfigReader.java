package dev.fairshift.integrations;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link LoopConfig} from YAML ({@code .yaml}, {@code .yml}) or JSON (any other name). Unknown
 * fields are errors (they are usually typos); every error names the file and the field path, e.g.
 * {@code slurm.yaml: hubs[1].pue: ...}. Relative source paths are resolved against the config file's folder.
 *
 * <p>Durations are written {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}, {@code 1h30m} or in ISO-8601
 * ({@code PT1H}). Stateless and thread-safe.
 *
 * <pre>{@code
 * LoopConfig config = LoopConfigReader.read(Path.of("slurm.yaml"));
 * }</pre>
 */
public final class LoopConfigReader {

  /** The top-level field that belongs to the engine adapter; the loop ignores it. */
  public static final String ENGINE = "engine";

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private LoopConfigReader() {
  }

  /**
   * Reads and validates {@code file}.
   *
   * @throws ConfigException naming the file, the field and the problem
   */
  public static LoopConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("Cannot read loop config " + file + ": " + e.getMessage()
          + ". Maybe check the path and its permissions.", e);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    Path base = file.toAbsolutePath().getParent();
    return parse(text, file.getFileName().toString(), yaml, base);
  }

  /**
   * Reads a config from {@code text}; {@code name} is used in messages, {@code base} resolves relative paths.
   *
   * @throws ConfigException naming the field and the problem
   */
  public static LoopConfig parse(String text, String name, boolean yaml, Path base) {
    JsonNode root = tree(text, name, yaml);
    try {
      return new Cursor(name, "", (ObjectNode) root, base).config();
    } catch (ConfigExceptionCarrier e) {
      throw new ConfigException(e.getMessage(), e.getCause());
    }
  }

  /**
   * The adapter's own section of a config file: its top-level {@code engine} object, or an empty object when
   * there is none. Adapters read their settings (commands, timeouts, intake rules) from it.
   *
   * @throws ConfigException the file cannot be read or parsed, or {@code engine} is not an object
   */
  public static JsonNode engineSection(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("Cannot read loop config " + file + ": " + e.getMessage()
          + ". Maybe check the path and its permissions.", e);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    JsonNode root = tree(text, file.getFileName().toString(), yaml);
    JsonNode engine = root.get(ENGINE);
    if (engine == null || engine.isNull()) {
      return JSON.createObjectNode();
    }
    if (!engine.isObject()) {
      throw new ConfigException(file.getFileName() + ": " + ENGINE + ": must be an object, got "
          + engine.getNodeType().toString().toLowerCase(Locale.ROOT) + ".", null);
    }
    return engine;
  }

  private static JsonNode tree(String text, String name, boolean yaml) {
    ObjectMapper mapper = yaml ? YAML : JSON;
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(name + ": not valid " + (yaml ? "YAML" : "JSON") + where + ": "
          + e.getOriginalMessage().lines().findFirst().orElse("syntax error") + ".", e);
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(name + ": the config must be an object with hubs, tenants, ...; got "
          + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)) + ".", null);
    }
    return root;
  }

  /**
   * Parses a config file's duration: {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}, {@code 1h30m} or ISO-8601
   * {@code PT1H}; shared by the engine adapters' own config sections.
   *
   * @throws DateTimeParseException when the text is not a duration
   * @throws ArithmeticException when it does not fit a {@link Duration}
   */
  public static Duration duration(String text) {
    String t = text.trim();
    if (t.startsWith("P") || t.startsWith("p")) {
      return Duration.parse(t);
    }
    Matcher m = SHORT_DURATION.matcher(t);
    if (t.isEmpty() || !m.matches()) {
      throw new DateTimeParseException("not a duration", t, 0);
    }
    Duration d = Duration.ZERO;
    long[] unitSeconds = {86_400, 3_600, 60, 1};
    for (int g = 1; g <= 4; g++) {
      if (m.group(g) != null) {
        long count;
        try {
          count = Long.parseLong(m.group(g));
        } catch (NumberFormatException e) {
          throw new ArithmeticException("duration too long: " + t);
        }
        d = d.plusSeconds(Math.multiplyExact(count, unitSeconds[g - 1]));
      }
    }
    return d;
  }

  /** Walks one object, remembering its path for messages and checking for unknown fields. */
  private static final class Cursor {
    private final String file;
    private final String path;
    private final ObjectNode node;
    private final Path base;

    Cursor(String file, String path, ObjectNode node, Path base) {
      this.file = file;
      this.path = path;
      this.node = node;
      this.base = base;
    }

    LoopConfig config() {
      known("slot", "horizon", "tick", "defaults", "planning", "hubs", "tenants", "defaultTenant", "intensity",
          "transparency", ENGINE);
      Duration slot = durationOr("slot", Duration.ofHours(1));
      Duration horizon = durationOr("horizon", slot.multipliedBy(48));
      Duration defaultTick = slot.compareTo(Duration.ofMinutes(4)) < 0 ? slot.dividedBy(4) : Duration.ofMinutes(1);
      if (defaultTick.isZero()) {
        defaultTick = slot;
      }
      Duration tick = durationOr("tick", defaultTick);
      Cursor d = object("defaults");
      LoopConfig.Defaults defaults = d.build(() -> {
        d.known("slack", "timeLimit");
        return new LoopConfig.Defaults(d.durationOr("slack", Duration.ofHours(12)),
            d.durationOr("timeLimit", Duration.ofHours(1)));
      });
      Cursor p = object("planning");
      LoopConfig.Planning planning = p.build(() -> {
        p.known("improveFor", "seed");
        return new LoopConfig.Planning(p.durationOr("improveFor", Duration.ZERO), p.longOr("seed", 1));
      });
      List<LoopConfig.HubConfig> hubs = new ArrayList<>();
      for (Cursor h : array("hubs", true)) {
        hubs.add(h.build(h::hub));
      }
      List<LoopConfig.TenantConfig> tenants = new ArrayList<>();
      for (Cursor t : array("tenants", false)) {
        tenants.add(t.build(() -> {
          t.known("account", "class", "guaranteedShare", "maxShare", "weight");
          return new LoopConfig.TenantConfig(t.requiredText("account"), t.settings());
        }));
      }
      Optional<LoopConfig.TenantSettings> defaultTenant = Optional.empty();
      if (node.has("defaultTenant") && !node.get("defaultTenant").isNull()) {
        Cursor t = object("defaultTenant");
        defaultTenant = Optional.of(t.build(() -> {
          t.known("class", "guaranteedShare", "maxShare", "weight");
          return t.settings();
        }));
      }
      Cursor i = object("intensity");
      LoopConfig.IntensityConfig intensity = i.build(i::intensity);
      Cursor tr = object("transparency");
      LoopConfig.Transparency transparency = tr.build(() -> {
        tr.known("lookback");
        return new LoopConfig.Transparency(tr.durationOr("lookback", Duration.ofHours(24)));
      });
      Optional<LoopConfig.TenantSettings> fallbackTenant = defaultTenant;
      return build(() -> new LoopConfig(slot, horizon, tick, defaults, planning, hubs, tenants, fallbackTenant,
          intensity, transparency));
    }

    LoopConfig.HubConfig hub() {
      known("id", "pool", "zone", "pue", "wattsPerCpu", "wattsPerGpu", "maxCpus", "solar");
      String id = requiredText("id");
      Optional<LoopConfig.Solar> solar = Optional.empty();
      if (node.has("solar") && !node.get("solar").isNull()) {
        Cursor s = object("solar");
        solar = Optional.of(s.build(() -> {
          s.known("peakKw", "timeZone", "sunrise", "sunset");
          ZoneId zone;
          try {
            zone = ZoneId.of(s.requiredText("timeZone"));
          } catch (DateTimeException e) {
            throw s.error("timeZone", "'" + s.text("timeZone").orElse("") + "' is not a time zone id."
                + " Maybe Europe/London or UTC.");
          }
          return new LoopConfig.Solar(s.number("peakKw", Double.NaN), zone, s.time("sunrise"), s.time("sunset"));
        }));
      }
      Optional<Integer> maxCpus = Optional.empty();
      if (node.has("maxCpus") && !node.get("maxCpus").isNull()) {
        long max = longOr("maxCpus", 0);
        if (max > Integer.MAX_VALUE) {
          throw error("maxCpus", max + " is too large; at most " + Integer.MAX_VALUE + ".");
        }
        maxCpus = Optional.of((int) max);
      }
      return new LoopConfig.HubConfig(id, text("pool").orElse(id), requiredText("zone"), number("pue", 1.0),
          number("wattsPerCpu", 0), number("wattsPerGpu", 0), maxCpus, solar);
    }

    LoopConfig.TenantSettings settings() {
      return new LoopConfig.TenantSettings(text("class").orElse("research"), number("guaranteedShare", 0),
          number("maxShare", 1), number("weight", 1));
    }

    LoopConfig.IntensityConfig intensity() {
      known("sources", "cacheFor", "forecaster", "embeddedFallback");
      List<LoopConfig.SourceConfig> sources = new ArrayList<>();
      for (Cursor s : array("sources", false)) {
        sources.add(s.build(() -> {
          s.known("type", "path", "tokenEnv");
          Optional<String> path = s.text("path").map(pth -> base == null ? pth : base.resolve(pth).toString());
          return new LoopConfig.SourceConfig(s.requiredText("type"), path, s.text("tokenEnv"));
        }));
      }
      boolean embedded = !node.has("embeddedFallback") || bool("embeddedFallback");
      return new LoopConfig.IntensityConfig(sources, durationOr("cacheFor", Duration.ofMinutes(15)),
          text("forecaster").orElse("seasonal-naive"), embedded);
    }

    // ---- helpers

    interface Body<T> {
      T get();
    }

    /** Runs {@code body}, turning a record's validation failure into a message naming this object. */
    <T> T build(Body<T> body) {
      try {
        return body.get();
      } catch (IllegalArgumentException e) {
        if (e instanceof ConfigExceptionCarrier c) {
          throw c;
        }
        throw new ConfigExceptionCarrier(file + ": " + (path.isEmpty() ? "" : path + ": ") + e.getMessage(), e);
      }
    }

    void known(String... fields) {
      Set<String> allowed = new TreeSet<>(List.of(fields));
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!allowed.contains(field)) {
          throw error(field, "unknown field. Known fields here: " + String.join(", ", allowed) + ".");
        }
      }
    }

    Cursor object(String field) {
      JsonNode child = node.get(field);
      if (child == null || child.isNull()) {
        return new Cursor(file, sub(field), JSON.createObjectNode(), base);
      }
      if (!child.isObject()) {
        throw error(field, "must be an object, got " + kind(child) + ".");
      }
      return new Cursor(file, sub(field), (ObjectNode) child, base);
    }

    List<Cursor> array(String field, boolean required) {
      JsonNode child = node.get(field);
      if (child == null || child.isNull()) {
        if (required) {
          throw error(field, "is missing. It is a list of objects.");
        }
        return List.of();
      }
      if (!child.isArray()) {
        throw error(field, "must be a list, got " + kind(child) + ".");
      }
      List<Cursor> out = new ArrayList<>();
      for (int k = 0; k < child.size(); k++) {
        JsonNode item = child.get(k);
        if (!item.isObject()) {
          throw error(field + "[" + k + "]", "must be an object, got " + kind(item) + ".");
        }
        out.add(new Cursor(file, sub(field) + "[" + k + "]", (ObjectNode) item, base));
      }
      return out;
    }

    Optional<String> text(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return Optional.empty();
      }
      if (!v.isValueNode() || v.isBoolean()) {
        throw error(field, "must be text, got " + kind(v) + ".");
      }
      return Optional.of(v.asText());
    }

    String requiredText(String field) {
      return text(field).filter(s -> !s.isBlank()).orElseThrow(() -> error(field, "is missing or blank."));
    }

    double number(String field, double dflt) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        if (Double.isNaN(dflt)) {
          throw error(field, "is missing. It is a number.");
        }
        return dflt;
      }
      if (!v.isNumber()) {
        throw error(field, "must be a number, got " + kind(v) + " '" + v.asText() + "'.");
      }
      return v.asDouble();
    }

    long longOr(String field, long dflt) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return dflt;
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw error(field, "must be a whole number, got '" + v.asText() + "'.");
      }
      return v.asLong();
    }

    boolean bool(String field) {
      JsonNode v = node.get(field);
      if (!v.isBoolean()) {
        throw error(field, "must be true or false, got '" + v.asText() + "'.");
      }
      return v.asBoolean();
    }

    Duration durationOr(String field, Duration dflt) {
      Optional<String> t = text(field);
      if (t.isEmpty()) {
        return dflt;
      }
      try {
        return duration(t.get());
      } catch (DateTimeParseException | ArithmeticException e) {
        throw error(field, "'" + t.get() + "' is not a duration. Maybe 90s, 15m, 1h, 2d, 1h30m or PT1H.");
      }
    }

    LocalTime time(String field) {
      Optional<String> t = text(field);
      if (t.isEmpty()) {
        return null;
      }
      try {
        return LocalTime.parse(t.get());
      } catch (DateTimeParseException e) {
        throw error(field, "'" + t.get() + "' is not a time of day. Maybe 06:30.");
      }
    }

    ConfigExceptionCarrier error(String field, String message) {
      return new ConfigExceptionCarrier(file + ": " + sub(field) + ": " + message, null);
    }

    private String sub(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }

    private static String kind(JsonNode v) {
      return v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
  }

  /** Carries a finished message through {@link Cursor#build}; turned into a {@link ConfigException} at the top. */
  private static final class ConfigExceptionCarrier extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ConfigExceptionCarrier(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
