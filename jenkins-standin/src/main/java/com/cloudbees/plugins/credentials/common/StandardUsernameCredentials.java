package com.cloudbees.plugins.credentials.common;

/** Stand-in: a standard credential with a user name. */
public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {}
