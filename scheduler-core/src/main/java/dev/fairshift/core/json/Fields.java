package dev.fairshift.core.json;

import java.util.List;

/**
 * The field names of every object of the JSON format, in the order the writer emits them. The
 * readers reject any other name; the JSON Schemas list exactly these as {@code properties}.
 */
final class Fields {
  static final List<String> PROBLEM = List.of(
      "version", "horizon", "carbonPricePerTonne", "transferKwhPerGb", "zones", "hubs", "tenants", "jobs");
  static final List<String> HORIZON = List.of("start", "slotMinutes", "slots");
  static final List<String> ZONE = List.of("id", "signal", "gramsPerKwh", "forecastGramsPerKwh");
  static final List<String> HUB = List.of(
      "id", "zone", "pue", "capacityUnits", "powerCapKw", "renewableKw", "pricePerKwh");
  static final List<String> TENANT = List.of(
      "id", "class", "guaranteedShare", "maxShare", "weight", "fairnessWindowSlots");
  static final List<String> JOB = List.of(
      "id", "tenant", "durationSlots", "powerKw", "units", "release", "deadline", "interruptible",
      "allowedHubs", "originHub", "dataGb", "priority");

  static final List<String> SCHEDULE = List.of("version", "solver", "assignments", "unscheduled");
  static final List<String> ASSIGNMENT = List.of("job", "hub", "slots");
  static final List<String> UNSCHEDULED = List.of("job", "reason");

  private Fields() {}
}
