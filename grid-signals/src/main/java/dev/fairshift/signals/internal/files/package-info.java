/**
 * Not API: readers for carbon-intensity files (CSV, JSON, the embedded dataset) and the in-memory
 * table behind file sources. Use {@link dev.fairshift.signals.CarbonIntensitySources} and {@link
 * dev.fairshift.signals.EmbeddedData} instead; anything here may change without notice.
 */
package dev.fairshift.signals.internal.files;
