package io.jenkins.plugins.immutabledeploy.engine.verify;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.TerraformDeployer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Redeploys a record with the deploy engine ({@link TerraformDeployer}): the record's folder,
 * workspace, variables and variable files, and its secret variables read again from where the
 * record says they came from. The redeploy writes a record of its own, like any deploy.
 */
public final class TerraformRedeployer implements Redeployer {
    private final TerraformDeployer deployer;
    private final Function<String, String> secrets;
    private final UnaryOperator<DeployRequest.Builder> options;

    /**
     * @param deployer the deploy engine
     * @param secrets looks up a secret variable's value by its recorded source (an environment
     *     variable name for the CLI, a credentials id in Jenkins); returns null when it is unknown
     * @param options adds what a record does not hold: the tool, the cloud token, gate permissions, a timeout
     */
    public TerraformRedeployer(TerraformDeployer deployer, Function<String, String> secrets,
            UnaryOperator<DeployRequest.Builder> options) {
        this.deployer = Objects.requireNonNull(deployer, "deployer");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Map<String, Object> redeploy(DeploymentRecord target, BuildLog log, Cancellation cancellation) {
        Map<String, String> values = new LinkedHashMap<>();
        target.secretVars().forEach((name, source) -> {
            String value = secrets.apply(source);
            if (value != null && !value.isEmpty()) {
                // Registered before the deploy starts, so no line of it can show the value.
                log.secrets().add(value);
                values.put(name, value);
            }
        });
        // fromRecord refuses, naming the variable and its source, when a value is missing.
        DeployRequest request = options.apply(DeployRequest.fromRecord(target, values)).build();
        return deployer.deploy(request, cancellation).toMap();
    }
}
