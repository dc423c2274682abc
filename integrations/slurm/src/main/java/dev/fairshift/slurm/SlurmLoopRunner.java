package dev.fairshift.slurm;

import dev.fairshift.integrations.ConfigException;
import dev.fairshift.integrations.EngineException;
import dev.fairshift.integrations.HubCapacity;
import dev.fairshift.integrations.LoopConfig;
import dev.fairshift.integrations.LoopRunner;
import dev.fairshift.integrations.PlanningLoop;
import dev.fairshift.integrations.Sidecar;
import dev.fairshift.integrations.TickReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fairshift slurm --config slurm.yaml}: runs the planning loop on this host's Slurm until stopped
 * (Ctrl-C or SIGTERM), logging each decision and release with its reason. {@code --once} runs a single pass
 * and prints its report, to try a config.
 *
 * <pre>{@code
 * SlurmLoopRunner runner = SlurmLoopRunner.fromConfig(Path.of("slurm.yaml"), Clock.systemUTC());
 * runner.checkCluster();     // every configured hub is a Slurm partition
 * runner.loop().start();
 * }</pre>
 */
public final class SlurmLoopRunner implements AutoCloseable {

  static final String USAGE = "Usage: fairshift slurm --config <slurm.yaml> [--once]\n"
      + "  Runs Fairshift's planning loop on this host's Slurm: plans the jobs held by job_submit.lua (or\n"
      + "  submitted with --hold --comment=fairshift), records each decision on the job and releases it at its\n"
      + "  planned slot. --once: one pass, print what it did, exit. See the README's \"Slurm\" section.";

  private final SlurmConfig config;
  private final SlurmEngine engine;
  private final PlanningLoop loop;

  private SlurmLoopRunner(SlurmConfig config, Clock clock) {
    this.config = config;
    this.engine = new SlurmEngine(config.options().withClock(clock));
    this.loop = PlanningLoop.builder(engine, config.loop()).clock(clock).build();
  }

  /** A runner for the config in {@code file}, not started. */
  public static SlurmLoopRunner fromConfig(Path file, Clock clock) {
    return new SlurmLoopRunner(SlurmConfig.read(file), clock);
  }

  /** A runner for {@code config}, not started. */
  public static SlurmLoopRunner of(SlurmConfig config, Clock clock) {
    return new SlurmLoopRunner(Objects.requireNonNull(config, "config"), clock);
  }

  /** The loop this runner drives. */
  public PlanningLoop loop() {
    return loop;
  }

  /** The Slurm engine this runner drives. */
  public SlurmEngine engine() {
    return engine;
  }

  /**
   * Reads Slurm's partitions and checks that every configured hub names one; returns them.
   *
   * @throws EngineException Slurm cannot be read
   * @throws ConfigException a configured pool is not a Slurm partition
   */
  public List<HubCapacity> checkCluster() {
    List<HubCapacity> hubs = engine.hubs();
    List<String> partitions = hubs.stream().map(HubCapacity::pool).toList();
    for (LoopConfig.HubConfig hub : config.loop().hubs()) {
      if (!partitions.contains(hub.pool())) {
        throw new ConfigException("Hub '" + hub.id() + "' has pool '" + hub.pool() + "', but Slurm has no such"
            + " partition (it has " + partitions + "). Maybe fix hubs[].pool in the config.", null);
      }
    }
    return hubs;
  }

  @Override
  public void close() {
    loop.close();
  }

  /** The command line: see {@link #USAGE}. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command with {@code args} ({@code --config <file> [--once]}); returns the exit code: 0 done,
   * 2 bad usage or config, 3 Slurm cannot be read. Blocks until the JVM is stopped unless {@code --once}.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    LoopRunner.CommandLine line = LoopRunner.parse(args, "slurm", "--once", USAGE, out, err);
    if (line.exitCode().isPresent()) {
      return line.exitCode().get();
    }
    return run(line.configFile().orElseThrow(), line.flag(), out, err, Sidecar.NONE);
  }

  /**
   * Runs the loop configured by {@code configFile} on this host's Slurm, as {@code fairshift slurm} does
   * (a CLI wires its parsed options to this); returns the exit code: 0 done, 2 bad config, 3 Slurm
   * cannot be read. With {@code once}, one pass, its report on {@code out}, and no sidecar; otherwise
   * {@code sidecar} starts beside the loop, which runs until the JVM stops (a shutdown hook closes both)
   * or the calling thread is interrupted (then both are closed before this returns).
   */
  public static int run(Path configFile, boolean once, PrintStream out, PrintStream err, Sidecar sidecar) {
    Objects.requireNonNull(sidecar, "sidecar");
    if (!Files.isRegularFile(configFile)) {
      err.println("Config file " + configFile + " does not exist. Maybe copy the README's slurm.yaml example.");
      return 2;
    }
    LoopRunner.configureLogging();
    Logger log = LoggerFactory.getLogger(SlurmLoopRunner.class);
    SlurmLoopRunner runner;
    try {
      runner = fromConfig(configFile, Clock.systemUTC());
    } catch (ConfigException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    try {
      List<HubCapacity> hubs = runner.checkCluster();
      log.info("Slurm partitions: {}", hubs.stream().map(h -> h.pool() + " (" + h.totalCpus() + " CPUs, "
          + h.totalGpus() + " GPUs, " + (h.up() ? "up" : "down") + ")").collect(Collectors.joining(", ")));
      log.info("Hubs: {}; slot {}, horizon {}, tick {}", runner.config.loop().hubs().stream()
          .map(h -> h.id() + "=" + h.pool() + "@" + h.zone()).collect(Collectors.joining(", ")),
          runner.config.loop().slot(), runner.config.loop().horizon(), runner.config.loop().tick());
    } catch (ConfigException e) {
      err.println(e.getMessage());
      runner.close();
      return 2;
    } catch (EngineException e) {
      err.println("Cannot read Slurm: " + e.getMessage());
      runner.close();
      return 3;
    }
    if (once) {
      TickReport report = runner.loop().reconcile();
      out.println("pass " + report.outcome() + ": " + report.heldJobs() + " held, " + report.decisionsWritten()
          + " decisions written, " + report.released().size() + " released");
      for (TickReport.Released r : report.released()) {
        out.println("  released " + r.jobId() + " (" + r.kind() + ")" + r.pool().map(p -> " on " + p).orElse(""));
      }
      for (String problem : report.problems()) {
        out.println("  " + problem);
      }
      runner.close();
      return report.outcome() == TickReport.Outcome.ENGINE_ERROR ? 3 : 0;
    }
    LoopRunner.runUntilStopped(new LoopRunner.Run(log, "the loop",
        "Stopping; every decision stays recorded on its Slurm job.", "fairshift-slurm-shutdown"),
        runner.loop(), runner::close, sidecar, () -> {
          runner.loop().start();
          log.info("Planning loop started (Ctrl-C to stop).");
        });
    return 0;
  }
}
