package com.cloudbees.plugins.credentials.common;

/** Stand-in: the "Username with password" credential type. */
public interface StandardUsernamePasswordCredentials extends StandardUsernameCredentials, UsernamePasswordCredentials {}
