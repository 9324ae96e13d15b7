package hudson.model;

import hudson.ExtensionPoint;

/** Stand-in: a root action reachable without the Overall/Read permission. */
public interface UnprotectedRootAction extends RootAction, ExtensionPoint {}
