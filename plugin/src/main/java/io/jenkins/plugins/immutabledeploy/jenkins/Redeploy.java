package io.jenkins.plugins.immutabledeploy.jenkins;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.verify.Redeployer;

/** The rollback engine's redeploy port in Jenkins: the deploy engine run again on an earlier record's inputs. */
final class Redeploy {
    private Redeploy() {}

    /**
     * @param engine the run
     * @return a redeployer using the run's launcher, log, credentials and cancel signal
     */
    static Redeployer on(EngineRun engine) {
        return (record, log, cancellation) -> {
            throw new EngineException(Messages.get("Redeploy.unavailable", record.id()));
        };
    }
}
