package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.TransientActionFactory;
import jenkins.tasks.SimpleBuildStep;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.Test;

/** The job page's "last deployments" table: there whatever the last build did, and cheap to show. */
class LastDeploymentsActionTest {
    /**
     * The actions a job page shows, as core adds them: those of every {@code @Extension TransientActionFactory} whose
     * type fits the job, and the project actions of the last successful build's {@code SimpleBuildStep.LastBuildAction}s.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<Action> jobPage(TestBuild.TestJob job) throws Exception {
        List<Action> actions = new ArrayList<>();
        for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class)) {
            if (item.instance() instanceof TransientActionFactory f && f.type().isInstance(job)) {
                actions.addAll(f.createFor(job));
            }
        }
        for (TestBuild b = job.getLastBuild(); b != null; b = b.getPreviousBuild()) {
            if (b.getResult() == Result.SUCCESS) {
                b.getActions(SimpleBuildStep.LastBuildAction.class).forEach(a -> actions.addAll(a.getProjectActions()));
                break;
            }
        }
        return actions;
    }

    /** The table of the job page; {@code job.reads} counts the builds its rows were read from. */
    private static List<Map<String, String>> table(TestBuild.TestJob job) throws Exception {
        LastDeploymentsAction table = jobPage(job).stream().filter(LastDeploymentsAction.class::isInstance)
                .map(LastDeploymentsAction.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no last deployments on the job page"));
        job.reads.set(0);
        return table.getDeployments();
    }

    private static TestBuild build(TestBuild.TestJob job, String dir, String image) {
        TestBuild b = job.newBuild();
        if (dir != null) {
            DeploymentAction.of(b).add(DeploymentAction.DEPLOY, Map.of("dir", dir, "result", "success", "image", image));
        }
        b.setResult(Result.SUCCESS);
        return b;
    }

    @Test
    void aBuildThatDidNotDeployAfterOneThatDidKeepsTheTable() throws Exception {
        TestBuild.TestJob job = new TestBuild.TestJob("app");
        build(job, "terraform", "img-1");
        build(job, null, null);

        assertThat(table(job)).singleElement().satisfies(row -> assertThat(List.of(row.get("dir"), row.get("image"),
                row.get("build"))).containsExactly("terraform", "img-1", "#1"));
        assertThat(jobPage(job)).filteredOn(LastDeploymentsAction.class::isInstance).hasSize(1);
    }

    @Test
    void aPageViewReadsOnlyTheBuildsItHasNotSeenFinish() throws Exception {
        TestBuild.TestJob job = new TestBuild.TestJob("app");
        build(job, "staging", "img-0");
        for (int i = 0; i < 120; i++) {
            build(job, null, null);
        }
        build(job, "terraform", "img-1");

        assertThat(table(job)).extracting(row -> row.get("dir")).containsExactly("terraform");
        assertThat(job.reads).as("a first view reads at most " + LastDeploymentsAction.DEPTH + " builds back")
                .hasValueLessThanOrEqualTo(LastDeploymentsAction.DEPTH + 1);

        table(job);
        assertThat(job.reads).as("a second view reads only the last build").hasValueLessThanOrEqualTo(1);

        TestBuild running = job.newBuild();
        DeploymentAction.of(running).add(DeploymentAction.DEPLOY, Map.of("dir", "prod", "result", "success", "image",
                "img-2"));
        assertThat(table(job)).extracting(row -> row.get("dir")).containsExactly("prod", "terraform");
        assertThat(job.reads).hasValueLessThanOrEqualTo(2);

        DeploymentAction.of(running).add(DeploymentAction.DEPLOY, Map.of("dir", "prod", "result", "success", "image",
                "img-3"));
        running.setResult(Result.SUCCESS);
        assertThat(table(job)).extracting(row -> row.get("image")).containsExactly("img-3", "img-1");
        table(job);
        assertThat(job.reads).as("the finished build is not read again").hasValueLessThanOrEqualTo(1);
    }
}
