package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.ops.Deploy;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployException;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code immutable-deploy deploy}: init, plan to a saved plan file, the destroy gate, apply exactly
 * that plan, outputs; one deployment record per run. Exit code 4 when {@code --plan-only} finds drift,
 * 1 when the gate stops the deploy or a step fails.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plan and apply a Terraform/OpenTofu configuration behind the destroy gate.",
            "init, workspace, plan -out (saved plan), show -json, gate, apply of exactly that plan, output.",
            "Writes one deployment record per run (not for --plan-only)."})
public final class DeployCommand implements Callable<Integer> {
    @Mixin
    DeployOptions options;

    @Option(names = "--timeout", paramLabel = "D",
            description = "Stop after this long: interrupt, let the tool write its state and release the lock, then kill.")
    String timeout;

    @Option(names = "--plan-only", description = "Plan and report, never apply; exit code 4 when the plan is not empty (drift).")
    boolean planOnly;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        try (Cli cli = new Cli()) {
            options.timeout = timeout;
            DeployRequest request = options.request(cli).planOnly(planOnly).build();
            DeployResult result;
            try {
                result = Deploy.run(request, cli.context(options.recordDir()));
            } catch (DeployException e) {
                if (json && e.result() != null) {
                    // Scripts still get one object: what was learnt, and why it stopped.
                    Map<String, Object> failed = new LinkedHashMap<>(e.result().toMap());
                    failed.put("error", e.getMessage());
                    cli.print(failed, true, "");
                }
                throw e;
            }
            cli.print(result.toMap(), json, summary(result, planOnly));
            return result.drift() ? ExitCodes.DRIFT : ExitCodes.OK;
        }
    }

    /**
     * The result in a few lines for people.
     *
     * @param result the result
     * @param planOnly whether it was a plan-only run
     * @return the summary
     */
    static String summary(DeployResult result, boolean planOnly) {
        StringBuilder sb = new StringBuilder();
        if (planOnly) {
            sb.append(result.drift() ? "Drift: the plan is not empty." : "No drift: the plan is empty.");
        } else {
            sb.append(result.changed() ? "Deployed." : "No changes.");
        }
        var s = result.summary();
        sb.append(" add ").append(s.add()).append(", change ").append(s.change()).append(", replace ")
                .append(s.replace()).append(", destroy ").append(s.destroy())
                .append(" (").append(result.tool()).append(' ').append(result.toolVersion()).append(')');
        s.changes().forEach(c -> sb.append("\n  ").append(c.action().key()).append(' ').append(c.address()));
        result.outputsAsText().forEach((k, v) -> sb.append("\n").append(k).append(" = ").append(v));
        if (result.record() != null) {
            sb.append("\nrecord: ").append(result.record());
        }
        return sb.toString();
    }
}
