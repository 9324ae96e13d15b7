/**
 * GitHub releases as build triggers: a webhook delivery verified by its HMAC signature
 * ({@link io.jenkins.plugins.immutabledeploy.engine.github.WebhookHandler}), and polling of the
 * releases API for a server GitHub cannot reach
 * ({@link io.jenkins.plugins.immutabledeploy.engine.github.ReleasePoller}). Both end in the same
 * {@link io.jenkins.plugins.immutabledeploy.engine.github.Release} value, filtered by the same
 * {@link io.jenkins.plugins.immutabledeploy.engine.github.ReleaseFilter}.
 */
package io.jenkins.plugins.immutabledeploy.engine.github;
