package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

/** Stand-in: the "Secret text" credential type. */
public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
