package io.jenkins.plugins.immutabledeploy.archfixture.engine.github;

import io.jenkins.plugins.immutabledeploy.archfixture.engine.verify.HttpClients;

/** The GitHub adapter borrowing the health checks' client, as it once did: what the rules must refuse. */
public final class ReleasePoller {
    /** @return the client it borrows */
    public static Object client() {
        return HttpClients.shared();
    }
}
