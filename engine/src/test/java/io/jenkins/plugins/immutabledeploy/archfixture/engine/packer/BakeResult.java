package io.jenkins.plugins.immutabledeploy.archfixture.engine.packer;

/** Stands for the packer adapter's result. */
public final class BakeResult {
    /** @return a result */
    public static BakeResult skipped() {
        return new BakeResult();
    }
}
