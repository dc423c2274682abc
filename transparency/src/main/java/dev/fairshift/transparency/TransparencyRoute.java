package dev.fairshift.transparency;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.service.RouteException;
import dev.fairshift.service.RouteHandler;
import dev.fairshift.service.RouteRequest;
import dev.fairshift.service.RouteResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The transparency page of the current schedule as a read-only route of the HTTP service:
 * {@code GET /transparency} answers the page, {@code GET /transparency?format=json} the same numbers
 * as {@link TransparencyJson}. Mount it with
 *
 * <pre>{@code
 * AtomicReference<Published> current = new AtomicReference<>();   // set by the planning loop
 * ServiceConfig config = ServiceConfig.builder()
 *     .route(TransparencyRoute.PATH, TransparencyRoute.of(() -> Optional.ofNullable(current.get()), options))
 *     .build();
 * }</pre>
 *
 * <p>A published pair is evaluated once, and its page and its JSON are each made once, when first
 * asked for, and kept until the supplier returns another pair (compared by identity), so requests stay
 * quick however often the page is read. Before
 * anything is published the route answers 503 with a message. Thread-safe.
 */
public final class TransparencyRoute implements RouteHandler {
  /** Where the service mounts it. */
  public static final String PATH = "/transparency";
  /** The HTML content type. */
  public static final String HTML = "text/html; charset=utf-8";

  private final Supplier<Optional<Published>> current;
  private final PageOptions options;
  private final Object lock = new Object();
  private Cached cached;

  /** The last published pair, its evaluation, and each format once asked for. Guarded by {@code lock}. */
  private static final class Cached {
    final Published published;
    final Evaluation evaluation;
    String html;
    String json;

    Cached(Published published, Evaluation evaluation) {
      this.published = published;
      this.evaluation = evaluation;
    }
  }

  private TransparencyRoute(Supplier<Optional<Published>> current, PageOptions options) {
    this.current = current;
    this.options = options;
  }

  /**
   * A route showing what {@code current} supplies on every request; the page names
   * {@code /transparency?format=json} as its companion JSON unless {@code options} names another.
   */
  public static TransparencyRoute of(Supplier<Optional<Published>> current, PageOptions options) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(options, "options");
    PageOptions withJson = options.companionJson().isPresent() ? options
        : options.toBuilder().companionJson(PATH + "?format=json").build();
    return new TransparencyRoute(current, withJson);
  }

  @Override
  public RouteResponse handle(RouteRequest request) {
    List<String> formats = request.query().getOrDefault("format", List.of("html"));
    if (formats.size() != 1) {
      throw new RouteException(400, "Give format once, not " + formats.size() + " times. Maybe ?format=json.");
    }
    String format = formats.get(0);
    if (!format.equals("html") && !format.equals("json")) {
      throw new RouteException(400, "Unknown format '" + clip(format) + "'. Use format=html (the default) or format=json.");
    }
    Optional<Published> published = current.get();
    if (published == null || published.isEmpty()) {
      throw new RouteException(503, "No schedule is published yet. Maybe wait for the first plan, or POST a problem "
          + "to /v1/schedule.");
    }
    boolean json = format.equals("json");
    String body = body(published.get(), json);
    return json ? RouteResponse.json(body) : RouteResponse.text(HTML, body);
  }

  /** The page or the JSON of {@code published}, each made once per published pair (by identity). */
  private String body(Published published, boolean json) {
    synchronized (lock) {
      if (cached == null || cached.published != published) {
        cached = new Cached(published, Evaluator.evaluate(published.problem(), published.schedule()));
      }
      Cached c = cached;
      if (json) {
        if (c.json == null) {
          c.json = TransparencyJson.write(c.published.problem(), c.published.schedule(), c.evaluation, options);
        }
        return c.json;
      }
      if (c.html == null) {
        c.html = TransparencyPage.render(c.published.problem(), c.published.schedule(), c.evaluation, options);
      }
      return c.html;
    }
  }

  private static String clip(String text) {
    String safe = text.replaceAll("[\\p{Cntrl}]", "?");
    return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
  }
}
