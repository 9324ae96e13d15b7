package io.jenkins.plugins.immutabledeploy.cli;

/** The CLI's documented exit codes. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The work failed: a tool failed, a gate stopped the deploy, an API refused. */
    public static final int FAILED = 1;
    /** A bad option or value. */
    public static final int USAGE = 2;
    /** Verification failed, whether or not a rollback succeeded. */
    public static final int VERIFY_FAILED = 3;
    /** A plan-only run found drift. */
    public static final int DRIFT = 4;
    /** A webhook signature did not verify. */
    public static final int BAD_SIGNATURE = 5;

    private ExitCodes() {}
}
