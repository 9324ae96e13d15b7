package hudson.model;

import hudson.ExtensionPoint;

/** Stand-in: an action at the root of Jenkins' URL space. */
public interface RootAction extends Action, ExtensionPoint {}
