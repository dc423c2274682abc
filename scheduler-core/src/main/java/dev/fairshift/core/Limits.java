package dev.fairshift.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The largest (and smallest) values a {@link Problem} accepts. Each is far beyond any real cluster,
 * and together they keep every sum the {@link Evaluator} and the solvers compute finite and exact
 * enough: the OptaPlanner score counts milligrams CO2e and microwatts in {@code long}s (at most
 * 9.2&middot;10<sup>18</sup>), and the Evaluator's per-hub, per-slot tables are allocated up front.
 * {@link Problem.Builder#build()} reports a value beyond a limit as an error naming its field, like
 * any other invalid value, instead of letting a sum overflow into {@code Infinity}, a negative score or
 * an exception.
 *
 * <table>
 *   <caption>Limits and what they protect</caption>
 *   <tr><th>Limit</th><th>Value</th><th>Why</th></tr>
 *   <tr><td>instants (horizon, release, deadline)</td><td>years 1 to 9999</td>
 *       <td>slot arithmetic ({@code start + n x slotLength}) stays within {@link Instant}</td></tr>
 *   <tr><td>{@code horizon.slots}</td><td>{@value #MAX_SLOTS}</td><td>per-slot tables</td></tr>
 *   <tr><td>{@code horizon.slotMinutes}</td><td>{@value #MAX_SLOT_MINUTES} (a week)</td>
 *       <td>energy per slot</td></tr>
 *   <tr><td>hubs &times; slots</td><td>{@value #MAX_HUB_SLOTS}</td>
 *       <td>the Evaluator's hub-slot tables (about 24 bytes each)</td></tr>
 *   <tr><td>{@code pue}</td><td>{@value #MAX_PUE}</td><td>facility energy</td></tr>
 *   <tr><td>{@code capacityUnits} per slot</td><td>{@value #MAX_CAPACITY_UNITS}</td>
 *       <td>unit-slot counts, int capacity</td></tr>
 *   <tr><td>job {@code powerKw}</td><td>{@value #MAX_JOB_POWER_KW} (1 GW)</td><td>energy</td></tr>
 *   <tr><td>the jobs' {@code powerKw} added up</td><td>{@value #MAX_TOTAL_POWER_KW}</td>
 *       <td>a hub-slot's load in microwatts, even with every intensity 0</td></tr>
 *   <tr><td>{@code powerCapKw}, {@code renewableKw}</td><td>{@value #MAX_SITE_POWER_KW}</td><td>energy</td></tr>
 *   <tr><td>{@code gramsPerKwh}</td><td>{@value #MAX_GRAMS_PER_KWH}</td><td>emissions</td></tr>
 *   <tr><td>{@code pricePerKwh}</td><td>{@value #MAX_PRICE_PER_KWH}</td><td>cost</td></tr>
 *   <tr><td>{@code carbonPricePerTonne}</td><td>{@value #MAX_CARBON_PRICE_PER_TONNE}</td><td>cost</td></tr>
 *   <tr><td>{@code transferKwhPerGb}</td><td>{@value #MAX_TRANSFER_KWH_PER_GB}</td><td>transfer energy</td></tr>
 *   <tr><td>{@code dataGb}</td><td>{@value #MAX_DATA_GB}</td><td>transfer energy</td></tr>
 *   <tr><td>tenant {@code weight}</td><td>{@value #MIN_WEIGHT} to {@value #MAX_WEIGHT}</td>
 *       <td>the fair-share term divides by it</td></tr>
 *   <tr><td>job {@code priority}</td><td>{@value #MAX_PRIORITY}</td><td>the unscheduled-priority sum</td></tr>
 *   <tr><td>ids</td><td>1 to {@value #MAX_ID_LENGTH} characters, no control or format characters</td>
 *       <td>readable, unambiguous messages and reports</td></tr>
 *   <tr><td>worst-case emissions</td><td>{@value #MAX_WORST_CASE_GRAMS} g (1 Gt) CO2e</td>
 *       <td>every job at the largest PUE and the dirtiest slot, in milligrams, fits a {@code long}</td></tr>
 *   <tr><td>worst-case energy cost</td><td>{@value #MAX_WORST_CASE_GRAMS} g CO2e-equivalent</td>
 *       <td>the same, at the highest price and the problem's carbon price</td></tr>
 *   <tr><td>demanded unit-slots</td><td>{@value #MAX_UNIT_SLOTS}</td>
 *       <td>the fair-share term grows with their square</td></tr>
 *   <tr><td>worst-case fair-share term</td><td>{@value #MAX_WORST_CASE_GRAMS} g</td>
 *       <td>every demanded unit-slot on the lightest tenant, at OptaPlanner's default scale of 1000 g per
 *       unit-slot ({@code OptaPlannerScheduler.Config.fairnessGramsPerUnitSlot}); a much larger scale is
 *       the solver configuration's own responsibility</td></tr>
 * </table>
 *
 * <p>Constants only; not instantiable.
 */
public final class Limits {
  /** The earliest instant of a horizon, release or deadline: the start of year 1. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  /** The first instant after the latest allowed one: the start of year 10000. */
  public static final Instant END_OF_TIME = Instant.parse("+10000-01-01T00:00:00Z");
  /** Slots in a horizon: 11 years of hourly slots, 2.8 years of 15-minute ones. */
  public static final int MAX_SLOTS = 100_000;
  /** Minutes in one slot: a week. */
  public static final int MAX_SLOT_MINUTES = 10_080;
  /** The longest slot, {@link #MAX_SLOT_MINUTES} minutes. */
  public static final Duration MAX_SLOT_LENGTH = Duration.ofMinutes(MAX_SLOT_MINUTES);
  /** Hubs times slots. */
  public static final long MAX_HUB_SLOTS = 10_000_000L;
  /** Power usage effectiveness. */
  public static final double MAX_PUE = 10.0;
  /** Capacity units of one hub in one slot. */
  public static final double MAX_CAPACITY_UNITS = 1_000_000;
  /** IT power of one job, in kW (1 GW). */
  public static final double MAX_JOB_POWER_KW = 1e6;
  /**
   * The jobs' IT power added up, in kW: what one hub would draw in one slot if every job ran there,
   * whose microwatts (10<sup>18</sup>) then still fit a {@code long}.
   */
  public static final double MAX_TOTAL_POWER_KW = 1e9;
  /** A hub's power cap or on-site renewable supply, in kW. */
  public static final double MAX_SITE_POWER_KW = 1e9;
  /** Carbon intensity, in grams CO2e per kWh (real grids stay below 1,500). */
  public static final double MAX_GRAMS_PER_KWH = 1e5;
  /** Energy price per kWh, in the problem's currency. */
  public static final double MAX_PRICE_PER_KWH = 1e6;
  /** Carbon price per tonne CO2e, in the problem's currency. */
  public static final double MAX_CARBON_PRICE_PER_TONNE = 1e9;
  /** Energy to move one GB, in kWh. */
  public static final double MAX_TRANSFER_KWH_PER_GB = 1e3;
  /** Data a job moves, in GB. */
  public static final double MAX_DATA_GB = 1e9;
  /** The smallest tenant weight. */
  public static final double MIN_WEIGHT = 1e-6;
  /** The largest tenant weight. */
  public static final double MAX_WEIGHT = 1e6;
  /** A job's priority. */
  public static final int MAX_PRIORITY = 1_000_000;
  /** Characters in an id. */
  public static final int MAX_ID_LENGTH = 256;
  /**
   * Grams CO2e (or CO2e-equivalent of energy cost) of the worst possible schedule: 10<sup>15</sup> g,
   * one gigatonne, so that its milligrams (10<sup>18</sup>) fit a {@code long} with room to add terms.
   */
  public static final double MAX_WORST_CASE_GRAMS = 1e15;
  /** The sum over jobs of units x durationSlots. */
  public static final long MAX_UNIT_SLOTS = 1_000_000_000L;

  private Limits() {}
}
