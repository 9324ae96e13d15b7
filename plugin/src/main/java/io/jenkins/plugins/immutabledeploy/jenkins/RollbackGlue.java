package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.ops.RollBack;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** The mapping shared by {@link RollbackDeployStep} and {@link RollbackDeployBuilder}. */
final class RollbackGlue {
    private RollbackGlue() {}

    /** The fields of both: where, to what, and the checks of the version returned to (optional). */
    interface Options {
        String getDir();

        String getWorkspace();

        String getTo();

        String getCredentialsId();

        String getTerraform();

        /** @return the health checks to run after the redeploy; their {@code urls} may be empty */
        VerifyGlue.Options checks();
    }

    /** The step's names for the request's fields: its checks' time limit is {@code verifyTimeout}. */
    static final Vocabulary NAMES = VerifyGlue.NAMES.with(Map.of("timeout", "verifyTimeout"));

    /**
     * Redeploys the previous successful deployment (or the record {@code to}) and verifies it when URLs are
     * given. Like the CLI, fails when nothing was redeployed or the version returned to is not healthy.
     *
     * @param o the options
     * @param engine the run
     * @return what the rollback did
     * @throws AbortException when there was nothing to roll back to, the redeploy failed, or it is unhealthy
     */
    static RollbackOutcome rollBack(Options o, EngineRun engine) throws AbortException {
        engine.requireUnix();
        VerifyRequest checks = Fields.list(o.checks().getUrls()).isEmpty() ? null
                : VerifyGlue.checks(o.checks(), NAMES, engine);
        DeployRequest redeploy = DeployGlue.request(o.getDir(), o.getWorkspace(), o.getCredentialsId(), o.getTerraform(),
                engine).build();
        RollbackOutcome outcome = RollBack.run(new RollBack.Request(redeploy, o.getTo(), checks), engine.context());
        if (!outcome.rolledBack() || Boolean.FALSE.equals(outcome.rollbackHealthy())) {
            throw new AbortException(engine.mask(outcome.summary()));
        }
        return outcome;
    }

    /**
     * @param outcome what the rollback did
     * @return {@code ROLLED_BACK}, {@code ROLLED_BACK_TO} (the record id), {@code ROLLBACK_HEALTHY}
     */
    static Map<String, String> variables(RollbackOutcome outcome) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ROLLED_BACK", String.valueOf(outcome.rolledBack()));
        env.put("ROLLED_BACK_TO", outcome.rolledBackTo() == null ? "" : outcome.rolledBackTo().id());
        env.put("ROLLBACK_HEALTHY", String.valueOf(outcome.rollbackHealthy()));
        return env;
    }
}
