/**
 * Classes that break the engine's package rules on purpose, the way two imports once did
 * ({@code digitalocean.SkipIfExists -> packer.BakeResult}, {@code github.ReleasePoller -> verify.HttpClients}):
 * {@link io.jenkins.plugins.immutabledeploy.engine.ArchitectureTest} shows the rules find them.
 */
package io.jenkins.plugins.immutabledeploy.archfixture;
