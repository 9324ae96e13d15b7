package io.jenkins.plugins.immutabledeploy.engine.verify;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.util.Map;

/**
 * Port: deploys the inputs of an earlier deployment again, with the same engine that made it
 * ({@code immutableDeploy}). The CLI and the plugin adapt their deploy engine to it, each resolving
 * the record's secret variables from where it says they came from (an environment variable, a
 * credentials id).
 */
@FunctionalInterface
public interface Redeployer {
    /**
     * Deploys the record's configuration, workspace, variables and variable files.
     *
     * @param target the record to return to
     * @param log the run's log
     * @param cancellation the run's cancel signal
     * @return the deploy's result map (its {@code record} key says where the new record went)
     * @throws io.jenkins.plugins.immutabledeploy.engine.EngineException when the deploy failed or a gate stopped it
     */
    Map<String, Object> redeploy(DeploymentRecord target, BuildLog log, Cancellation cancellation);
}
