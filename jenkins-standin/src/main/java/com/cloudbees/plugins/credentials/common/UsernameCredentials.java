package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/** Stand-in: a credential with a user name. */
public interface UsernameCredentials extends Credentials {
    String getUsername();
}
