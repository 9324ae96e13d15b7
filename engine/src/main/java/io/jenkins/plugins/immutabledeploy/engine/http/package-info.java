/**
 * What every HTTP user of the engine shares (the DigitalOcean client, the GitHub release poller,
 * the health checks): one bounded base client that a front end may replace with its own, e.g. one
 * that knows its server's proxy ({@link io.jenkins.plugins.immutabledeploy.engine.http.HttpClients}),
 * one reader of rate-limit headers ({@link io.jenkins.plugins.immutabledeploy.engine.http.RateLimit}),
 * one backoff ({@link io.jenkins.plugins.immutabledeploy.engine.http.Backoff}), one cancellable
 * sleeper ({@link io.jenkins.plugins.immutabledeploy.engine.http.Sleeper}) and one pagination guard
 * ({@link io.jenkins.plugins.immutabledeploy.engine.http.PageGuard}). It knows no vendor: the
 * vendor packages depend on it, never on each other.
 */
package io.jenkins.plugins.immutabledeploy.engine.http;
