package dev.fairshift.transparency;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.service.RouteException;
import dev.fairshift.service.RouteHandler;
import dev.fairshift.service.RouteRequest;
import dev.fairshift.service.RouteResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The transparency page of a live schedule as a read-only route of the HTTP service:
 * {@code GET /transparency} answers the page, {@code GET /transparency?format=json} the same numbers
 * as {@link TransparencyJson}. Mount it with
 *
 * <pre>{@code
 * AtomicReference<Published> current = new AtomicReference<>();   // set by whoever solves
 * ServiceConfig config = ServiceConfig.builder()
 *     .route(TransparencyRoute.PATH, TransparencyRoute.of(() -> Optional.ofNullable(current.get()), options))
 *     .build();
 * }</pre>
 *
 * <p>A planning loop publishes more than one schedule: its current plan and what actually ran. Name each
 * as a view, the first being the default; {@code ?view=NAME} picks one, and a status document can ride
 * along as {@code ?format=status}:
 *
 * <pre>{@code
 * TransparencyRoute route = TransparencyRoute.builder()
 *     .view("plan", planSupplier, PageOptions.builder().title("Current plan").build(), "No plan yet ...")
 *     .view("ran", ranSupplier, PageOptions.builder().title("What ran").build(), "Nothing ran yet ...")
 *     .status(loop::statusJson)
 *     .build();
 * }</pre>
 *
 * <p>A published pair is evaluated once, and its page and its JSON are each made once, when first
 * asked for, and kept until the view's supplier returns another pair (compared by identity), so requests
 * stay quick however often the page is read. Before anything is published in a view, the route answers
 * 503 with that view's message. Unknown query parameters and values are 400s naming the choices.
 * Thread-safe.
 */
public final class TransparencyRoute implements RouteHandler {
  /** Where the service mounts it. */
  public static final String PATH = "/transparency";
  /** The HTML content type. */
  public static final String HTML = "text/html; charset=utf-8";
  /** The 503 message of {@link #of}'s one view. */
  static final String NOTHING_YET = "No schedule is published yet. Maybe wait for the first plan, or POST a problem "
      + "to /v1/schedule.";

  private final Map<String, View> views;
  private final String defaultView;
  private final Supplier<String> status;

  /** One published schedule and its page cache. */
  private static final class View {
    final Supplier<Optional<Published>> current;
    final PageOptions options;
    final String emptyMessage;
    private final Object lock = new Object();
    private Cached cached;

    View(Supplier<Optional<Published>> current, PageOptions options, String emptyMessage) {
      this.current = current;
      this.options = options;
      this.emptyMessage = emptyMessage;
    }

    /** The page or the JSON of {@code published}, each made once per published pair (by identity). */
    String body(Published published, boolean json) {
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
  }

  /** The last published pair, its evaluation, and each format once asked for. Guarded by the view's lock. */
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

  private TransparencyRoute(Map<String, View> views, Supplier<String> status) {
    this.views = views;
    this.defaultView = views.keySet().iterator().next();
    this.status = status;
  }

  /**
   * A route showing what {@code current} supplies on every request; the page names
   * {@code /transparency?format=json} as its companion JSON unless {@code options} names another.
   */
  public static TransparencyRoute of(Supplier<Optional<Published>> current, PageOptions options) {
    return builder().view("current", current, options, NOTHING_YET).build();
  }

  /** A route of named views (see the class comment). */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public RouteResponse handle(RouteRequest request) {
    for (String name : request.query().keySet()) {
      if (!name.equals("format") && !name.equals("view")) {
        throw new RouteException(400, "Unknown query parameter '" + clip(name) + "'. " + PATH + " takes format="
            + String.join("|", formats()) + (views.size() > 1 ? " and view=" + String.join("|", views.keySet()) : "")
            + ".");
      }
    }
    String format = single(request, "format", "html");
    if (!formats().contains(format)) {
      throw new RouteException(400, "Unknown format '" + clip(format) + "'. Use format=html (the default)"
          + (status != null ? ", format=json or format=status." : " or format=json."));
    }
    if (format.equals("status")) {
      return RouteResponse.json(status.get());
    }
    String viewName = single(request, "view", defaultView);
    View view = views.get(viewName);
    if (view == null) {
      throw new RouteException(400, "Unknown view '" + clip(viewName) + "'. Use view="
          + String.join(" or view=", views.keySet()) + ".");
    }
    Optional<Published> published = view.current.get();
    if (published == null || published.isEmpty()) {
      throw new RouteException(503, view.emptyMessage);
    }
    boolean json = format.equals("json");
    String body = view.body(published.get(), json);
    return json ? RouteResponse.json(body) : RouteResponse.text(HTML, body);
  }

  private List<String> formats() {
    return status != null ? List.of("html", "json", "status") : List.of("html", "json");
  }

  private static String single(RouteRequest request, String name, String fallback) {
    List<String> values = request.query().getOrDefault(name, List.of(fallback));
    if (values.size() != 1) {
      throw new RouteException(400, "Give " + name + " once, not " + values.size() + " times. Maybe ?"
          + (name.equals("format") ? "format=json" : name + "=" + clip(values.get(0))) + ".");
    }
    return values.get(0);
  }

  private static String clip(String text) {
    String safe = text.replaceAll("[\\p{Cntrl}]", "?");
    return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
  }

  /** Builds a {@link TransparencyRoute}; not thread-safe. */
  public static final class Builder {
    private final Map<String, View> views = new LinkedHashMap<>();
    private Supplier<String> status;

    private Builder() {}

    /**
     * Adds a view: {@code ?view=name} shows what {@code current} supplies on each request (the first view
     * added is the default, shown without {@code ?view}). The page names
     * {@code /transparency?view=name&format=json} (or, for the default view, {@code ?format=json}) as its
     * companion JSON unless {@code options} names another. While {@code current} supplies nothing the view
     * answers 503 with {@code emptyMessage}, which should say why and what to do.
     *
     * @throws IllegalArgumentException a name that is not lowercase letters, digits and '-', or given twice
     */
    public Builder view(String name, Supplier<Optional<Published>> current, PageOptions options, String emptyMessage) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(emptyMessage, "emptyMessage");
      if (!name.matches("[a-z0-9-]{1,32}")) {
        throw new IllegalArgumentException("View name '" + clip(name) + "' must be 1 to 32 lowercase letters, digits or"
            + " '-'. Maybe 'plan' or 'ran'.");
      }
      if (views.containsKey(name)) {
        throw new IllegalArgumentException("View '" + name + "' is added twice. Maybe name them 'plan' and 'ran'.");
      }
      boolean first = views.isEmpty();
      PageOptions withJson = options.companionJson().isPresent() ? options
          : options.toBuilder().companionJson(PATH + (first ? "?format=json" : "?view=" + name + "&format=json"))
              .build();
      views.put(name, new View(current, withJson, emptyMessage));
      return this;
    }

    /** {@code ?format=status} answers what {@code statusJson} supplies (a JSON document), e.g. a loop's status. */
    public Builder status(Supplier<String> statusJson) {
      this.status = Objects.requireNonNull(statusJson, "statusJson");
      return this;
    }

    /**
     * The route.
     *
     * @throws IllegalStateException no view was added
     */
    public TransparencyRoute build() {
      if (views.isEmpty()) {
        throw new IllegalStateException("A transparency route needs at least one view. Maybe "
            + "builder().view(\"plan\", supplier, PageOptions.defaults(), \"No plan yet.\").");
      }
      return new TransparencyRoute(new LinkedHashMap<>(views), status);
    }
  }
}
