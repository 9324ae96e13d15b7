package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.Item;
import hudson.model.Queue;
import hudson.security.Permission;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Jobs as the form's web methods see them: whether the caller may configure them, and whom their builds run as. */
final class TestItems {
    private TestItems() {}

    /** @return a job the caller may configure, whose builds run as SYSTEM */
    static Item configurable() {
        return job(true, null);
    }

    /** @return a job the caller may read but not configure */
    static Item readOnly() {
        return job(false, null);
    }

    /**
     * @param user whom the job's builds run as (as Authorize Project sets it)
     * @return a job the caller may configure
     */
    static Item configurableRunningAs(String user) {
        return job(true, user);
    }

    private static Item job(boolean mayConfigure, String runsAs) {
        return new Job() {
            @Override
            public String getFullName() {
                return "app";
            }

            @Override
            public String getUrl() {
                return "job/app/";
            }

            @Override
            public boolean hasPermission(Permission p) {
                return mayConfigure && p == Item.CONFIGURE;
            }

            @Override
            public Authentication getDefaultAuthentication2() {
                return runsAs == null ? Job.super.getDefaultAuthentication2()
                        : new UsernamePasswordAuthenticationToken(runsAs, null, List.of());
            }
        };
    }

    /** A job is an item that can be queued. */
    private interface Job extends Item, Queue.Task {}
}
