/** The service's implementation on Jetty 12: handler, error JSON, solve jobs, connection guards. Not API. */
package dev.fairshift.service.internal;
