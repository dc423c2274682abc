/**
 * Not API: the HTTP provider clients behind
 * {@link dev.fairshift.signals.CarbonIntensitySources} and their OkHttp interceptors. Everything
 * here may change without notice; use the factories in {@code dev.fairshift.signals}.
 */
package dev.fairshift.signals.internal.http;
