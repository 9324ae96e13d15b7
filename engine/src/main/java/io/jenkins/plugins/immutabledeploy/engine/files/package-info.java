/** The port to the file system of the machine the tools run on, and its local implementation. */
package io.jenkins.plugins.immutabledeploy.engine.files;
