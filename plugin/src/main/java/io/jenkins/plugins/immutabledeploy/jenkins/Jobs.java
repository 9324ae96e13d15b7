package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.Job;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;

/** Finds other jobs by their full name, as the build's user may see them. */
@FunctionalInterface
interface Jobs {
    /** Jenkins' own items. */
    Jobs JENKINS = name -> {
        try {
            return Jenkins.get().getItemByFullName(name, Job.class);
        } catch (AccessDeniedException e) {
            return null;
        }
    };

    /**
     * @param fullName e.g. {@code folder/app-prod}
     * @return the job, or null when there is none this build may see
     */
    Job<?, ?> byFullName(String fullName);
}
