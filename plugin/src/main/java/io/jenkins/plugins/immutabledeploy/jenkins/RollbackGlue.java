package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthVerifier;
import io.jenkins.plugins.immutabledeploy.engine.verify.Rollback;
import io.jenkins.plugins.immutabledeploy.engine.verify.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.verify.RollbackRequest;
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

    /**
     * Redeploys the previous successful deployment (or the record {@code to}) and verifies it when URLs are
     * given. Like the CLI, fails when nothing was redeployed or the version returned to is not healthy.
     *
     * @param o the options
     * @param engine the run
     * @return {@link RollbackOutcome#toMap()}, masked
     * @throws AbortException when there was nothing to roll back to, the redeploy failed, or it is unhealthy
     */
    static Map<String, Object> rollBack(Options o, EngineRun engine) throws AbortException {
        if (Fields.trimToNull(o.getDir()) == null) {
            throw new IllegalArgumentException(Messages.get("Fields.required", "dir"));
        }
        VerifyRequest checks = Fields.list(o.checks().getUrls()).isEmpty() ? null : VerifyGlue.request(o.checks(), engine);
        RollbackRequest where = new RollbackRequest(new RunRecordStore(engine.run(), engine.workspace()),
                o.getDir().trim(), o.getWorkspace(), Fields.trimToNull(o.getTo()), null);
        RollbackOutcome outcome = new Rollback(Redeploy.on(engine, o.getCredentialsId(), o.getTerraform()), new HealthVerifier(JenkinsHttp.client()))
                .rollBack(where, checks, engine.log(), engine.cancellation());
        LinkedHashMap<String, Object> map = engine.masked(outcome.toMap());
        if (!outcome.rolledBack() || Boolean.FALSE.equals(outcome.rollbackHealthy())) {
            throw new AbortException(engine.secrets().mask(outcome.summary()));
        }
        return map;
    }

    /**
     * @param result a masked rollback result map
     * @return {@code ROLLED_BACK}, {@code ROLLED_BACK_TO} (the record id), {@code ROLLBACK_HEALTHY}
     */
    static Map<String, String> variables(Map<String, Object> result) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ROLLED_BACK", String.valueOf(result.get("rolledBack")));
        Object to = result.get("rolledBackTo");
        env.put("ROLLED_BACK_TO", to instanceof Map<?, ?> m ? String.valueOf(m.get("id")) : "");
        env.put("ROLLBACK_HEALTHY", String.valueOf(result.get("rollbackHealthy")));
        return env;
    }
}
