/**
 * Fairshift's HTTP service: {@link dev.fairshift.service.FairshiftService#start} with a
 * {@link dev.fairshift.service.ServiceConfig} (host, port, {@link dev.fairshift.service.AuthToken} and every
 * limit) returns a {@link dev.fairshift.service.RunningService}; other modules mount read-only routes such
 * as {@code /metrics} with {@link dev.fairshift.service.RouteHandler}. Everything under {@code internal}
 * may change without notice.
 */
package dev.fairshift.service;
