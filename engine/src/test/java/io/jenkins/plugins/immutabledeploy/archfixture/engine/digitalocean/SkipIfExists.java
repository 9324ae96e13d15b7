package io.jenkins.plugins.immutabledeploy.archfixture.engine.digitalocean;

import io.jenkins.plugins.immutabledeploy.archfixture.engine.packer.BakeResult;

/** The DigitalOcean adapter building a packer result, as it once did: what the rules must refuse. */
public final class SkipIfExists {
    /** @return a skipped bake */
    public static Object check() {
        return BakeResult.skipped();
    }
}
