/**
 * Starting jobs on a published GitHub release: the {@code immutableDeployRelease} trigger, the webhook
 * endpoint at {@code <jenkins>/github-release-webhook/} that GitHub delivers to, and polling for a
 * Jenkins GitHub cannot reach. The engine's {@code github} package does the checking; this
 * package finds the jobs and schedules their builds.
 */
package io.jenkins.plugins.immutabledeploy.trigger;
