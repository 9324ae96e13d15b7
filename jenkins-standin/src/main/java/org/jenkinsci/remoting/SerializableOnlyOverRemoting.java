package org.jenkinsci.remoting;

import java.io.Serializable;

/** Stand-in: an object that is serializable only to be sent through a channel (upstream exports what it holds). */
public interface SerializableOnlyOverRemoting extends Serializable {}
