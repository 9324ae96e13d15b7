/**
 * GitHub releases as build triggers: a webhook delivery verified by its HMAC signature
 * ({@link io.jenkins.plugins.immutabledeploy.engine.github.WebhookHandler}), and polling of the
 * releases API for a server GitHub cannot reach
 * ({@link io.jenkins.plugins.immutabledeploy.engine.github.ReleasePoller}). Both end in the same
 * {@link io.jenkins.plugins.immutabledeploy.engine.github.Release} value, filtered by the same
 * {@link io.jenkins.plugins.immutabledeploy.engine.github.ReleaseFilter}; a tag git would refuse
 * ({@link io.jenkins.plugins.immutabledeploy.engine.github.GitTagName}) never starts a build. What a job's
 * trigger remembers, what polling saw and which releases started the job, is a
 * {@link io.jenkins.plugins.immutabledeploy.engine.github.PollState} kept in a
 * {@link io.jenkins.plugins.immutabledeploy.engine.github.PollStateFile}.
 */
package io.jenkins.plugins.immutabledeploy.engine.github;
