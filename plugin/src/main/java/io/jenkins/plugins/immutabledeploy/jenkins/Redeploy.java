package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployException;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.Redeployer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rollback engine's redeploy port in Jenkins: the deploy engine run again on an earlier record's inputs,
 * in this build's workspace, with its secret variables read again from the credentials the record names.
 */
final class Redeploy {
    private Redeploy() {}

    /**
     * @param engine the run
     * @param credentialsId the Secret text credential with the cloud token, or null
     * @param terraform the tool's path, or null to look for {@code tofu}, then {@code terraform}
     * @return a redeployer using the run's launcher, log, credentials and cancel signal
     */
    static Redeployer on(EngineRun engine, String credentialsId, String terraform) {
        return (record, log, cancellation) -> {
            try {
                Map<String, String> secretValues = new LinkedHashMap<>();
                for (Map.Entry<String, String> v : record.secretVars().entrySet()) {
                    String value = CredentialsLookup.secretVariable(engine.run(), v.getKey(), v.getValue());
                    engine.secrets().add(value);
                    secretValues.put(v.getKey(), value);
                }
                DeploymentRecord here = RunRecordStore.withDir(record, engine.workspace().child(record.dir()).getRemote());
                DeployRequest.Builder b = DeployRequest.fromRecord(here, secretValues).executable(Fields.trimToNull(terraform));
                if (credentialsId != null) {
                    String token = CredentialsLookup.secretText(engine.run(), "credentialsId", credentialsId);
                    engine.secrets().add(token);
                    b.token(token);
                }
                try {
                    return DeployGlue.record(engine, DeploymentAction.ROLLBACK, record.dir(),
                            DeployGlue.deployer(engine).deploy(b.build(), cancellation));
                } catch (DeployException e) {
                    if (e.result() != null) {
                        DeployGlue.record(engine, DeploymentAction.ROLLBACK, record.dir(), e.result());
                    }
                    throw e;
                }
            } catch (AbortException | IllegalArgumentException e) {
                // The rollback engine reports a failed redeploy as an outcome; it expects EngineException for that.
                throw new EngineException(engine.secrets().mask(String.valueOf(e.getMessage())), e);
            }
        };
    }
}
