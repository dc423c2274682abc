package dev.fairshift.integrations;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * What the adapters' commands ({@code fairshift slurm}, {@code fairshift kubernetes}) share: reading
 * {@code --config <file> [--flag]}, the console logging, and running the loop with its {@link Sidecar} until the
 * JVM stops or the calling thread is interrupted.
 *
 * <pre>{@code
 * LoopRunner.CommandLine line = LoopRunner.parse(args, "slurm", "--once", USAGE, out, err);
 * if (line.exitCode().isPresent()) {
 *   return line.exitCode().get();
 * }
 * }</pre>
 */
public final class LoopRunner {

  private LoopRunner() {
  }

  /**
   * A parsed command line: the config file and whether the command's flag was given, or the exit code to return
   * at once (0 after {@code --help}, 2 after bad usage, the message already printed).
   *
   * @param configFile the {@code --config} file, if the line is usable
   * @param flag whether the command's flag ({@code --once}, {@code --check}) was given
   * @param exitCode the exit code to return at once, if the line is not usable
   */
  public record CommandLine(Optional<Path> configFile, boolean flag, Optional<Integer> exitCode) {
    public CommandLine {
      Objects.requireNonNull(configFile, "configFile");
      Objects.requireNonNull(exitCode, "exitCode");
    }

    static CommandLine exit(int code) {
      return new CommandLine(Optional.empty(), false, Optional.of(code));
    }
  }

  /**
   * Parses {@code --config <file>} (or {@code -c}), {@code flag} and {@code --help} (or {@code -h}) for
   * {@code fairshift <command>}; prints {@code usage} on {@code out} for help, and the problem with the usage on
   * {@code err} otherwise.
   */
  public static CommandLine parse(String[] args, String command, String flag, String usage, PrintStream out,
      PrintStream err) {
    Path configFile = null;
    boolean flagged = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--config") || arg.equals("-c")) {
        if (i + 1 >= args.length) {
          err.println("--config needs a file, e.g. --config " + command + ".yaml.\n" + usage);
          return CommandLine.exit(2);
        }
        configFile = Path.of(args[++i]);
      } else if (arg.equals(flag)) {
        flagged = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        out.println(usage);
        return CommandLine.exit(0);
      } else {
        err.println("Unknown argument '" + arg + "'.\n" + usage);
        return CommandLine.exit(2);
      }
    }
    if (configFile == null) {
      err.println("Missing --config. Maybe: fairshift " + command + " --config " + command + ".yaml\n" + usage);
      return CommandLine.exit(2);
    }
    return new CommandLine(Optional.of(configFile), flagged, Optional.empty());
  }

  /**
   * Sets slf4j-simple's console format (ISO time, short names, info) unless the JVM's properties set it, and
   * quiets OptaPlanner and {@code quietPackages} to warnings.
   */
  public static void configureLogging(String... quietPackages) {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ssX");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.log.org.optaplanner", "warn");
    for (String quiet : quietPackages) {
      setIfAbsent("org.slf4j.simpleLogger.log." + quiet, "warn");
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * How one adapter runs until stopped.
   *
   * @param log where the stop is logged
   * @param what what runs, in messages ("the loop", "the controller")
   * @param stopping the line logged when stopping (where the decisions stay)
   * @param threadName the name of the shutdown hook's thread
   */
  public record Run(Logger log, String what, String stopping, String threadName) {
    public Run {
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(stopping, "stopping");
      Objects.requireNonNull(threadName, "threadName");
    }
  }

  /**
   * Starts {@code sidecar} beside {@code loop}, then runs {@code start} and blocks until the JVM stops (a shutdown
   * hook closes everything) or the calling thread is interrupted (then everything is closed before this returns,
   * and the interrupt is kept). Closing runs {@code close} (which closes the loop) first, then what the sidecar
   * started; each only once. If the sidecar throws, {@code close} runs and the exception propagates.
   */
  public static void runUntilStopped(Run run, PlanningLoop loop, Runnable close, Sidecar sidecar, Runnable start) {
    Logger log = run.log();
    AutoCloseable beside;
    try {
      beside = Objects.requireNonNull(sidecar.start(loop), "sidecar");
    } catch (RuntimeException e) {
      close.run();
      throw e;
    }
    AtomicBoolean closed = new AtomicBoolean();
    Runnable stop = () -> {
      if (closed.compareAndSet(false, true)) {
        log.info(run.stopping());
        close.run();
        try {
          beside.close();
        } catch (Exception e) {
          log.warn("What ran beside " + run.what() + " did not stop cleanly: {}", e.toString());
        }
      }
    };
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.run();
      stopped.countDown();
    }, run.threadName());
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      start.run();
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook stops everything itself
      }
      boolean interrupted = Thread.interrupted();   // so that closing can wait for a pass in flight
      stop.run();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
