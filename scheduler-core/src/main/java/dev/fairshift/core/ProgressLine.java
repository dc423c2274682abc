package dev.fairshift.core;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A progress line for long work (an OptaPlanner solve, the quality suite, a large evaluation), written
 * to stderr so that stdout keeps carrying the schedule or the report:
 *
 * <ul>
 *   <li>{@link Mode#LIVE} (a terminal): one line rewritten in place with {@code \r} at most every
 *       {@link #LIVE_INTERVAL}, from {@link #QUIET_START} on, cut to the terminal's width (so it never
 *       wraps), and finished with a whole last line and a newline;
 *   <li>{@link Mode#PLAIN} (a log file, a pipe, CI): one ordinary line every {@link #PLAIN_INTERVAL};
 *       work shorter than that prints nothing;
 *   <li>{@link Mode#OFF} ({@code --quiet}): nothing.
 * </ul>
 *
 * <p>Each line is {@code task: 12s elapsed, at most 48s left; status}: the time left is the budget less
 * the time elapsed when the work has a budget (a solver's time limit, which it may not use up: "at most"),
 * else an estimate from the share done ("about"), else left out. The status (best score, emissions so far) is whatever the worker last gave to
 * {@link #update}. Control characters in it are escaped.
 *
 * <pre>{@code
 * ProgressLine.Mode mode = ProgressLine.mode(quiet, progressOption, System::getenv, System.console() != null);
 * try (ProgressLine progress = ProgressLine.builder("optaplanner").to(System.err).mode(mode)
 *     .budget(timeLimit).build()) {
 *   progress.startTicking(() -> progress.update("best " + control.bestScore().orElse(null)));
 *   result = solver.solve(problem, control);
 *   progress.finish("best " + result.score());
 * }
 * }</pre>
 *
 * <p>Thread-safe: a worker may {@link #update} while a ticker {@link #poll}s. Time comes from the
 * injected {@link Clock}, so the cadence is tested without sleeping.
 */
public final class ProgressLine implements AutoCloseable {
  /** How often a live line is redrawn at most. */
  public static final Duration LIVE_INTERVAL = Duration.ofMillis(250);
  /** How often a plain line is printed. */
  public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);
  /** A live line is first drawn this long after the start, so quick work leaves no trace. */
  public static final Duration QUIET_START = Duration.ofSeconds(1);
  /** The environment variable that chooses the mode when no option does: {@code live}, {@code plain}, {@code off}, {@code auto}. */
  public static final String ENV = "FAIRSHIFT_PROGRESS";
  /** The width a live line is cut to when {@code COLUMNS} does not say. */
  public static final int DEFAULT_WIDTH = 100;

  /** Where and how progress is shown. */
  public enum Mode {
    /** One line rewritten in place (a terminal). */
    LIVE,
    /** A plain line every {@link #PLAIN_INTERVAL} (a file or a pipe). */
    PLAIN,
    /** Nothing. */
    OFF
  }

  private final String task;
  private final PrintStream out;
  private final Mode mode;
  private final Clock clock;
  private final Optional<Duration> budget;
  private final int width;
  private final Instant start;
  private String status = "";
  private double fractionDone = Double.NaN;
  private Instant lastShown;
  private int drawnLength;
  private boolean shown;
  private boolean finished;
  private Thread ticker;

  private ProgressLine(Builder b) {
    this.task = Printable.escape(b.task);
    this.out = b.out;
    this.mode = b.mode;
    this.clock = b.clock;
    this.budget = b.budget;
    this.width = b.width;
    this.start = clock.instant();
  }

  /**
   * A progress line for {@code task} (e.g. {@code optaplanner}); give it its stream with {@link Builder#to}
   * (the caller's stderr); plain and on the system UTC clock by default.
   */
  public static Builder builder(String task) {
    return new Builder(task);
  }

  /**
   * The mode a command line asks for: {@link Mode#OFF} with {@code quiet}; else {@code option} (e.g.
   * {@code --progress live}) when given, else the {@value #ENV} environment variable, each {@code live},
   * {@code plain}, {@code off} or {@code auto}; {@code auto} (the default) is {@link Mode#LIVE} when
   * {@code console} (pass {@code System.console() != null}: Java's console means stdin and stdout are a
   * terminal, it cannot see stderr) and {@code TERM} is not {@code dumb}, else {@link Mode#PLAIN}. So
   * {@code fairshift schedule ... > schedule.json} on a terminal prints plain lines unless told
   * {@code --progress live} or {@code FAIRSHIFT_PROGRESS=live}.
   *
   * @throws IllegalArgumentException an option or variable that is none of the four
   */
  public static Mode mode(boolean quiet, String option, Function<String, String> env, boolean console) {
    if (quiet) {
      return Mode.OFF;
    }
    String choice = option;
    String from = "--progress";
    if (choice == null || choice.isBlank()) {
      choice = env.apply(ENV);
      from = ENV;
    }
    if (choice == null || choice.isBlank()) {
      choice = "auto";
    }
    switch (choice.trim().toLowerCase(Locale.ROOT)) {
      case "live":
        return Mode.LIVE;
      case "plain":
        return Mode.PLAIN;
      case "off":
        return Mode.OFF;
      case "auto":
        String term = env.apply("TERM");
        return console && !"dumb".equals(term) ? Mode.LIVE : Mode.PLAIN;
      default:
        throw new IllegalArgumentException(from + " is '" + Printable.escape(choice) + "'; use live, plain, off or"
            + " auto. Maybe " + (from.equals(ENV) ? ENV + "=plain" : "--progress plain") + ".");
    }
  }

  /** The mode of this line. */
  public Mode mode() {
    return mode;
  }

  /** The worker's latest status, e.g. {@code best 0hard/0medium/-302229970soft, 7 improvements}. */
  public synchronized void update(String status) {
    this.status = status == null ? "" : Printable.escape(status.replace('\n', ' ').replace('\r', ' '));
  }

  /** The latest status and the share of the work done (0 to 1), which estimates the time left without a budget. */
  public synchronized void update(String status, double fractionDone) {
    update(status);
    this.fractionDone = fractionDone;
  }

  /** Shows the line if it is due (see the class comment); call it often, e.g. from {@link #startTicking}. */
  public synchronized void poll() {
    if (mode == Mode.OFF || finished) {
      return;
    }
    Instant now = clock.instant();
    Duration elapsed = Duration.between(start, now);
    if (mode == Mode.LIVE) {
      if (elapsed.compareTo(QUIET_START) < 0
          || lastShown != null && Duration.between(lastShown, now).compareTo(LIVE_INTERVAL) < 0) {
        return;
      }
      draw(line(elapsed, false), true);
    } else {
      Instant due = (lastShown == null ? start : lastShown).plus(PLAIN_INTERVAL);
      if (now.isBefore(due)) {
        return;
      }
      out.println(line(elapsed, false));
      out.flush();
    }
    lastShown = now;
    shown = true;
  }

  /**
   * Ends the line: when anything was shown, a last line {@code task: done in 12s; summary} (live: in place
   * of the rewritten one); quick work leaves nothing. Stops the ticker. Later calls do nothing.
   */
  public void finish(String summary) {
    stopTicking();
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      if (mode == Mode.OFF || !shown) {
        return;
      }
      update(summary);
      String last = line(Duration.between(start, clock.instant()), true);
      if (mode == Mode.LIVE) {
        draw(last, false);   // the last line is kept whole: it ends with a newline, so it may wrap
        out.print('\n');
      } else {
        out.println(last);
      }
      out.flush();
    }
  }

  /**
   * Calls {@code refresh} (which should {@link #update} the status) and then {@link #poll()} on a daemon
   * thread, every {@link #LIVE_INTERVAL} (live) or second (plain), until {@link #finish} or {@link #close}.
   * Does nothing when the mode is {@link Mode#OFF}.
   *
   * @throws IllegalStateException if already ticking
   */
  public synchronized void startTicking(Runnable refresh) {
    Objects.requireNonNull(refresh, "refresh");
    if (ticker != null) {
      throw new IllegalStateException("The progress line of " + task + " is already ticking.");
    }
    if (mode == Mode.OFF || finished) {
      return;
    }
    long periodMillis = mode == Mode.LIVE ? LIVE_INTERVAL.toMillis() : 1000;
    Thread t = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(periodMillis);
        } catch (InterruptedException e) {
          return;
        }
        try {
          refresh.run();
        } catch (RuntimeException e) {
          update("(progress unavailable: " + e.getClass().getSimpleName() + ")");
        }
        poll();
      }
    }, "fairshift-progress");
    t.setDaemon(true);
    ticker = t;
    t.start();
  }

  /**
   * Stops the ticker; a live line left unfinished (the work failed) is cleared, so that an error message
   * starts at the beginning of the line.
   */
  @Override
  public void close() {
    stopTicking();
    synchronized (this) {
      if (!finished && mode == Mode.LIVE && shown) {
        out.print('\r' + " ".repeat(drawnLength) + '\r');
        out.flush();
      }
      finished = true;
    }
  }

  private void stopTicking() {
    Thread t;
    synchronized (this) {
      t = ticker;
      ticker = null;
    }
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void draw(String line, boolean fit) {
    String cut = !fit || line.length() <= width - 1 ? line : line.substring(0, Math.max(0, width - 4)) + "...";
    String pad = cut.length() < drawnLength ? " ".repeat(drawnLength - cut.length()) : "";
    out.print('\r' + cut + pad);
    out.flush();
    drawnLength = cut.length();
  }

  /** {@code task: 12s elapsed, at most 48s left; status}, or {@code task: done in 12s; status}. */
  String line(Duration elapsed, boolean done) {
    StringBuilder b = new StringBuilder(task).append(": ");
    if (done) {
      b.append("done in ").append(format(elapsed));
    } else {
      b.append(format(elapsed)).append(" elapsed");
      timeLeft(elapsed).ifPresent(left -> {
        if (left.isZero()) {
          b.append(", finishing");
        } else {
          b.append(budget.isPresent() ? ", at most " : ", about ").append(format(left)).append(" left");
        }
      });
    }
    if (!status.isEmpty()) {
      b.append("; ").append(status);
    }
    return b.toString();
  }

  private Optional<Duration> timeLeft(Duration elapsed) {
    if (budget.isPresent()) {
      Duration left = budget.get().minus(elapsed);
      return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }
    if (fractionDone > 0 && fractionDone <= 1) {
      return Optional.of(Duration.ofMillis(Math.round(elapsed.toMillis() * (1 - fractionDone) / fractionDone)));
    }
    return Optional.empty();
  }

  /** {@code 850ms} under a second, {@code 12s}, {@code 4m05s}, {@code 1h02m}. */
  static String format(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }

  /** Builds a {@link ProgressLine}; not thread-safe. */
  public static final class Builder {
    private final String task;
    private PrintStream out;
    private Mode mode = Mode.PLAIN;
    private Clock clock = Clock.systemUTC();
    private Optional<Duration> budget = Optional.empty();
    private int width = DEFAULT_WIDTH;

    private Builder(String task) {
      this.task = Objects.requireNonNull(task, "task");
    }

    /** Where the line goes: stderr, never stdout when stdout carries a result. */
    public Builder to(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /** How it is shown (default {@link Mode#PLAIN}); see {@link ProgressLine#mode}. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The clock elapsed time and cadence are measured with (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The work's time budget (a solver's time limit): the time left is the budget less the time elapsed. */
    public Builder budget(Duration budget) {
      Objects.requireNonNull(budget, "budget");
      if (budget.isNegative()) {
        throw new IllegalArgumentException("budget " + budget + " is negative. Maybe the solver's time limit.");
      }
      this.budget = Optional.of(budget);
      return this;
    }

    /**
     * The terminal width a live line is cut to (default {@value #DEFAULT_WIDTH}).
     *
     * @throws IllegalArgumentException below 20
     */
    public Builder width(int columns) {
      if (columns < 20) {
        throw new IllegalArgumentException("width " + columns + " is below 20 columns. Maybe " + DEFAULT_WIDTH + ".");
      }
      this.width = columns;
      return this;
    }

    /** The width from a {@code COLUMNS} value (as shells export it), else {@value #DEFAULT_WIDTH}. */
    public Builder widthFrom(String columns) {
      if (columns != null) {
        try {
          int c = Integer.parseInt(columns.trim());
          if (c >= 20 && c <= 10_000) {
            this.width = c;
          }
        } catch (NumberFormatException e) {
          // not a number: keep the default
        }
      }
      return this;
    }

    /**
     * The line.
     *
     * @throws IllegalStateException no stream was given with {@link #to}
     */
    public ProgressLine build() {
      if (out == null) {
        throw new IllegalStateException("The progress line of " + task + " has no stream. Maybe .to(stderr).");
      }
      return new ProgressLine(this);
    }
  }
}
