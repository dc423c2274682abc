/**
 * The Fairshift JSON format, version 1: {@link dev.fairshift.core.json.ProblemJson} reads and
 * writes problems, {@link dev.fairshift.core.json.ScheduleJson} schedules. JSON Schemas (draft
 * 2020-12) of both documents are on the classpath next to these classes:
 * {@code dev/fairshift/core/json/problem.schema.json} and {@code schedule.schema.json}.
 *
 * <p>Only the two public classes are API; everything else in this package is package-private.
 */
package dev.fairshift.core.json;
