package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.http.Sleeper;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord.Verification;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployException;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployResult;
import io.jenkins.plugins.immutabledeploy.engine.terraform.Phase;
import io.jenkins.plugins.immutabledeploy.engine.terraform.PhaseGate;
import io.jenkins.plugins.immutabledeploy.engine.terraform.PlanDocument;
import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A release in phases, so that a bad release never takes traffic: the new image's servers come up beside the live
 * ones as a candidate, are checked on their own address, and only then take the stable address; the old servers stay
 * as a standby until the new ones have passed the same checks through the stable address.
 *
 * <pre>
 *   candidate ──▶ check the candidate ──fails──▶ discard                    (live servers, address never touched)
 *                      │ passes
 *                      ▼
 *                   promote ──▶ check through the stable address ──fails──▶ switch back ──▶ discard
 *                                         │ passes
 *                                         ▼
 *                                  (keepStandby) retire
 * </pre>
 *
 * Each phase is one deploy ({@link Deploy}: a saved plan, summarised, gated by the phase's {@link PhaseGate}, applied
 * exactly, recorded and journalled) of the same configuration with two variables set: the image to put live and the
 * candidate image (the standby while it stays). The configuration's contract ({@link Contract}) is checked with the
 * first plan, before anything is applied.
 *
 * <p><b>What is live now</b> comes from the records of this configuration and workspace: the newest successful one
 * names the live and the candidate image in its plan's variables (a plain {@code deploy} of the configuration counts
 * too). A run that was interrupted, or a promoted release that was never verified through the stable address, leaves
 * the configuration between phases: the next run first recovers it (phase {@code recover}: the last verified live
 * image takes the address, leftovers go), or carries on when it releases the same image. The state is never guessed:
 * when it holds servers the records do not know (the configuration was applied by hand), the candidate's gate stops
 * before apply, naming them and saying how to record what is live.
 */
public final class BlueGreen {
    private BlueGreen() {}

    /** A release's phases, as its records and results name them. */
    public static final String CANDIDATE = "candidate";
    /** The candidate failed its checks and goes; nothing else changes. */
    public static final String DISCARD = "discard";
    /** The candidate takes the stable address; the old live servers stay as the standby. */
    public static final String PROMOTE = "promote";
    /** The promoted release failed through the stable address: the standby takes it back. */
    public static final String SWITCH_BACK = "switchBack";
    /** The promoted release passed: the standby goes. */
    public static final String RETIRE = "retire";
    /** An interrupted release is brought to rest before a new one starts. */
    public static final String RECOVER = "recover";

    /**
     * The names a configuration uses for the contract's variables and outputs.
     *
     * @param liveVariable the variable holding the live image (default {@code live_image})
     * @param candidateVariable the variable holding the candidate image, default {@code ""} (default
     *     {@code candidate_image})
     * @param urlOutput the output holding the stable address (default {@code url})
     * @param candidateUrlOutput the output holding the candidate's own address (default {@code candidate_url})
     * @param names how the caller names these four settings, for messages
     */
    public record Contract(String liveVariable, String candidateVariable, String urlOutput, String candidateUrlOutput,
            Vocabulary names) {
        /** Default name of the live image's variable. */
        public static final String LIVE_VARIABLE = "live_image";
        /** Default name of the candidate image's variable. */
        public static final String CANDIDATE_VARIABLE = "candidate_image";
        /** Default name of the stable address's output. */
        public static final String URL_OUTPUT = "url";
        /** Default name of the candidate's address's output. */
        public static final String CANDIDATE_URL_OUTPUT = "candidate_url";

        /** Blank names take the defaults; the two variables and the two outputs must differ. */
        public Contract {
            names = names == null ? Vocabulary.FIELDS : names;
            liveVariable = or(liveVariable, LIVE_VARIABLE);
            candidateVariable = or(candidateVariable, CANDIDATE_VARIABLE);
            urlOutput = or(urlOutput, URL_OUTPUT);
            candidateUrlOutput = or(candidateUrlOutput, CANDIDATE_URL_OUTPUT);
            if (liveVariable.equals(candidateVariable)) {
                throw new IllegalArgumentException(names.name("candidateVar") + ": the candidate's variable must differ"
                        + " from " + names.name("liveVar") + " (both are " + liveVariable + ")");
            }
            if (urlOutput.equals(candidateUrlOutput)) {
                throw new IllegalArgumentException(names.name("candidateUrlOutput") + ": the candidate's address must"
                        + " be another output than " + names.name("urlOutput") + " (both are " + urlOutput + ")");
            }
        }

        /**
         * @param names how the caller names the settings
         * @return the default contract: {@code live_image}, {@code candidate_image}, {@code url}, {@code candidate_url}
         */
        public static Contract defaults(Vocabulary names) {
            return new Contract(null, null, null, null, names);
        }

        private static String or(String value, String dflt) {
            return value == null || value.isBlank() ? dflt : value.trim();
        }
    }

    /**
     * What to release.
     *
     * @param deploy the configuration and every deploy setting each phase runs with (tool, token, variables, secrets,
     *     workspace, backend, locks, destroy gate, each phase's time limit); its variables must not set the contract's
     * @param image the image to release: the candidate, then the live one
     * @param checks what the candidate and the promoted release are checked with
     * @param contract the names of the configuration's variables and outputs
     * @param keepStandby how long the old servers stay after the new ones passed through the stable address
     */
    public record Request(DeployRequest deploy, String image, ReleaseChecks checks, Contract contract,
            Duration keepStandby) {
        /** Checks the parts, naming the fields as the caller does. */
        public Request {
            Objects.requireNonNull(deploy, "deploy");
            Objects.requireNonNull(checks, "checks");
            Vocabulary n = deploy.names();
            contract = contract == null ? Contract.defaults(n) : contract;
            if (image == null || image.isBlank()) {
                throw new IllegalArgumentException(n.name("image") + ": the image to release is required, e.g. the id"
                        + " bakeImage returned");
            }
            image = image.trim();
            for (String v : List.of(contract.liveVariable(), contract.candidateVariable())) {
                if (deploy.vars().containsKey(v) || deploy.secretVars().containsKey(v)) {
                    throw new IllegalArgumentException(n.name("vars") + ": " + v + " is set by the release itself (the"
                            + " live and the candidate image); remove it and give the image with " + n.name("image"));
                }
            }
            keepStandby = keepStandby == null ? Duration.ZERO : keepStandby;
            if (keepStandby.isNegative()) {
                throw new IllegalArgumentException(n.name("keepStandby") + ": must not be negative, was "
                        + Durations.format(keepStandby));
            }
            if (deploy.planOnly()) {
                throw new IllegalArgumentException(n.name("planOnly") + ": a release applies its phases; plan with"
                        + " a deploy instead");
            }
        }
    }

    /**
     * One phase: its deploy, and how long it took.
     *
     * @param name the phase, e.g. {@link #CANDIDATE}
     * @param deploy what its deploy did
     */
    public record PhaseResult(String name, DeployResult deploy) {
        /** Requires both. */
        public PhaseResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(deploy, "deploy");
        }

        /** @return {@code name}, {@code summary}, {@code changes}, {@code seconds}, {@code record} */
        public LinkedHashMap<String, Object> toMap() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("summary", new LinkedHashMap<>(deploy.summary().counts()));
            m.put("changes", deploy.summary().changeMaps());
            m.put("seconds", Math.round(deploy.duration().toMillis() / 100.0) / 10.0);
            m.put("record", deploy.record());
            return m;
        }
    }

    /**
     * How a release ended.
     *
     * @param outcome {@link DeploymentRecord#PROMOTED}, {@link DeploymentRecord#DISCARDED} or
     *     {@link DeploymentRecord#SWITCHED_BACK}
     * @param healthy whether the image live at the end passed its checks through the stable address in this run
     *     (false after a discard or a switch back, and for a first release that failed them: nothing to switch back to)
     * @param live the image live at the end ({@code ""} when none)
     * @param candidate the image this release brought
     * @param phases the phases applied, in order
     * @param candidateChecks what the checks said on the candidate's own address, or null when not checked
     * @param stableChecks what the checks said through the stable address, or null when not checked
     * @param restoreSeconds after a switch back, the seconds from the failed check to the address serving the old
     *     release again; else null
     * @param outputs the outputs after the last phase, sensitive ones {@code ****}
     * @param message one sentence for people: what happened
     */
    public record Result(String outcome, boolean healthy, String live, String candidate, List<PhaseResult> phases,
            ReleaseChecks.Outcome candidateChecks, ReleaseChecks.Outcome stableChecks, Double restoreSeconds,
            Map<String, Object> outputs, String message) {
        /** Copies the lists. */
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            phases = List.copyOf(phases);
            outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }

        /** @return whether the release is live and passed its checks: the run succeeded */
        public boolean succeeded() {
            return DeploymentRecord.PROMOTED.equals(outcome) && healthy;
        }

        /**
         * The result as the CLI's {@code --json} object and the Pipeline step's return value.
         *
         * @return {@code outcome}, {@code healthy}, {@code live}, {@code candidate}, {@code phases},
         *     {@code candidateChecks}, {@code stableChecks}, {@code restoreSeconds}, {@code outputs}, {@code message}
         */
        public LinkedHashMap<String, Object> toMap() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("outcome", outcome);
            m.put("healthy", healthy);
            m.put("live", live);
            m.put("candidate", candidate);
            m.put("phases", phases.stream().map(PhaseResult::toMap).toList());
            m.put("candidateChecks", candidateChecks == null ? null : candidateChecks.toMap());
            m.put("stableChecks", stableChecks == null ? null : stableChecks.toMap());
            m.put("restoreSeconds", restoreSeconds);
            m.put("outputs", new LinkedHashMap<>(outputs));
            m.put("message", message);
            return m;
        }
    }

    /**
     * A release could not be carried out: a phase's plan or apply failed, a gate or the contract stopped it, or it
     * was cancelled. Carries what was done until then.
     */
    public static final class ReleaseException extends EngineException {
        private static final long serialVersionUID = 1L;

        private final transient List<PhaseResult> phases;

        ReleaseException(String message, List<PhaseResult> phases, Throwable cause) {
            super(message, cause);
            this.phases = List.copyOf(phases);
        }

        /** @return the phases applied before it stopped, and the failed one when it has a result */
        public List<PhaseResult> phases() {
            return phases;
        }

        /** @return {@code error} and {@code phases}: what a script still learns */
        public LinkedHashMap<String, Object> toMap() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("error", getMessage());
            m.put("phases", phases.stream().map(PhaseResult::toMap).toList());
            return m;
        }
    }

    /**
     * Releases an image.
     *
     * @param request what to release
     * @param context the run; its record store says what is live, and keeps every phase's record
     * @return how it ended: promoted, discarded or switched back
     * @throws ReleaseException when a phase could not be carried out, the configuration breaks the contract, or the
     *     run is cancelled; with what was done until then
     */
    public static Result run(Request request, RunContext context) {
        return new Flow(request, context).run();
    }

    /** One release under way. */
    private static final class Flow {
        private final Request request;
        private final RunContext context;
        private final BuildLog log;
        private final Contract contract;
        private final String image;
        private final Vocabulary names;
        private final List<PhaseResult> phases = new ArrayList<>();
        /** Addresses without an image key that the candidate phase (of this run, or the one recovered) created. */
        private final Set<String> created = new LinkedHashSet<>();
        private boolean contractChecked;
        private String hint;

        Flow(Request request, RunContext context) {
            this.request = request;
            this.context = context;
            this.log = context.log();
            this.contract = request.contract();
            this.image = request.image();
            this.names = request.deploy().names();
        }

        Result run() {
            // Before anything is applied: a release that cannot check its candidate must not bring it up.
            HealthChecks.requireCaFile(request.checks().http(), context);
            DeployRequest base = request.deploy();
            Live now = Live.of(context.records().list(base.dir(), base.workspaceOrDefault()), contract, image);
            log.info("Releasing " + image + " to " + base.dir() + " (workspace " + base.workspaceOrDefault() + "): "
                    + now.describe());
            hint = "The records of " + base.dir() + " say " + (now.live.isEmpty() ? "nothing is live"
                    : now.live + " is live") + (now.from == null ? "" : " (record " + now.from.id() + ")")
                    + ". If the state holds other servers (applied by hand, or by a run whose records are kept"
                    + " elsewhere), record what is live by deploying it once with " + contract.liveVariable()
                    + "=<the live image> (a deploy that changes nothing when that image is what runs), then release"
                    + " again.";
            String live = now.live;
            if (now.needsRecovery) {
                // What the interrupted release's candidate phase created may go with its leftovers, nothing older.
                created.addAll(now.created);
                String keepCandidate = now.leftovers.contains(image) ? image : "";
                log.warn("Release: " + now.recovery + "; recovering first: " + (live.isEmpty() ? "nothing" : live)
                        + " live" + (keepCandidate.isEmpty() ? "" : ", " + image + " kept as the candidate"));
                Set<String> leftovers = new LinkedHashSet<>(now.leftovers);
                leftovers.remove(live);
                phase(RECOVER, new PhaseGate(RECOVER, PhaseGate.Kind.SWITCH, Set.of(live), leftovers, created, hint),
                        live, keepCandidate);
            }
            if (image.equals(live)) {
                String msg = image + " is live already: nothing to release";
                log.info("Release: " + msg);
                return new Result(DeploymentRecord.PROMOTED, true, live, image, phases, null, null, null,
                        lastOutputs(), msg);
            }

            DeployResult candidate = phase(CANDIDATE, new PhaseGate(CANDIDATE, PhaseGate.Kind.CANDIDATE, Set.of(live),
                    Set.of(image), Set.of(), hint), live, image);
            created.addAll(createdWithoutImageKey(candidate));
            DeploymentRecord candidateRecord = candidate.deploymentRecord();
            ReleaseChecks.Outcome candidateChecks = check(CANDIDATE, candidate, contract.candidateUrlOutput(),
                    "candidateUrlOutput", candidateRecord);
            if (!candidateChecks.passed()) {
                log.error("Release: " + image + " failed its checks on its own address; discarding it. "
                        + (live.isEmpty() ? "Nothing was live." : live + " stays live; it was never touched."));
                DeployResult discard = phase(DISCARD, new PhaseGate(DISCARD, PhaseGate.Kind.REMOVE, Set.of(live),
                        Set.of(image), created, null), live, "");
                outcome(candidateRecord, DeploymentRecord.DISCARDED, null);
                return finish(new Result(DeploymentRecord.DISCARDED, false, live, image, phases, candidateChecks, null,
                        null, discard.outputs(), image + " failed its checks as a candidate and was discarded; "
                                + (live.isEmpty() ? "nothing is live" : live + " stayed live throughout")));
            }

            DeployResult promote = phase(PROMOTE, new PhaseGate(PROMOTE, PhaseGate.Kind.SWITCH, Set.of(live, image),
                    Set.of(), created, null), image, live);
            ReleaseChecks.Outcome stableChecks = check("stable", promote, contract.urlOutput(), "urlOutput",
                    promote.deploymentRecord());
            if (!stableChecks.passed()) {
                Instant failedAt = context.clock().instant();
                long failedNanos = System.nanoTime();
                if (live.isEmpty()) {
                    log.error("Release: " + image + " failed its checks through the stable address, and there is no"
                            + " earlier release to switch back to: it stays live");
                    outcome(candidateRecord, DeploymentRecord.PROMOTED, null);
                    return finish(new Result(DeploymentRecord.PROMOTED, false, image, image, phases, candidateChecks,
                            stableChecks, null, promote.outputs(), image + " was promoted (the first release) but"
                                    + " failed its checks through the stable address; nothing to switch back to"));
                }
                log.error("Release: " + image + " failed its checks through the stable address; switching back to "
                        + live + " (its servers are still running)");
                DeployResult back = phase(SWITCH_BACK, new PhaseGate(SWITCH_BACK, PhaseGate.Kind.SWITCH,
                        Set.of(live, image), Set.of(), created, null), live, image);
                double restore = Math.round((System.nanoTime() - failedNanos) / 1e8) / 10.0;
                log.info("Release: the stable address serves " + live + " again, " + restore + " s after the failed"
                        + " check (" + failedAt + ")");
                context.records().update(back.deploymentRecord().withOutcome(null, restore));
                DeployResult discard = phase(DISCARD, new PhaseGate(DISCARD, PhaseGate.Kind.REMOVE, Set.of(live),
                        Set.of(image), created, null), live, "");
                outcome(candidateRecord, DeploymentRecord.SWITCHED_BACK, restore);
                return finish(new Result(DeploymentRecord.SWITCHED_BACK, false, live, image, phases, candidateChecks,
                        stableChecks, restore, discard.outputs(), image + " failed its checks through the stable"
                                + " address; " + live + " took the address back in " + restore + " s and " + image
                                + " was discarded"));
            }
            outcome(candidateRecord, DeploymentRecord.PROMOTED, null);
            Map<String, Object> outputs = promote.outputs();
            if (!live.isEmpty()) {
                if (!request.keepStandby().isZero()) {
                    log.info("Release: keeping " + live + " as the standby for " + Durations.format(request.keepStandby()));
                    sleep(request.keepStandby());
                }
                DeployResult retire = phase(RETIRE, new PhaseGate(RETIRE, PhaseGate.Kind.REMOVE, Set.of(image),
                        Set.of(live), created, null), image, "");
                // The release retired to was verified through the stable address just before.
                context.records().update(retire.deploymentRecord().withVerification(
                        new Verification(context.clock().instant(), image, Verification.STABLE, true)));
                outputs = retire.outputs();
            }
            return finish(new Result(DeploymentRecord.PROMOTED, true, image, image, phases, candidateChecks,
                    stableChecks, null, outputs, image + " passed its checks on its own address and through the"
                            + " stable address, and is live" + (live.isEmpty() ? "" : "; " + live + " was retired")));
        }

        private Result finish(Result result) {
            if (result.succeeded()) {
                log.info("Release: " + result.message());
            } else {
                log.error("Release: " + result.message());
            }
            context.record(RunContext.Journal.RELEASE, result.toMap());
            return result;
        }

        private Map<String, Object> lastOutputs() {
            return phases.isEmpty() ? Map.of() : phases.get(phases.size() - 1).deploy().outputs();
        }

        /** Applies one phase; the first plan of the run also checks the configuration's contract. */
        private DeployResult phase(String name, PhaseGate gate, String live, String candidate) {
            DeployRequest phase = request.deploy().with(Map.of(contract.liveVariable(), live,
                    contract.candidateVariable(), candidate));
            boolean first = !contractChecked;
            Phase.PlanCheck check = (plan, req) -> {
                if (first) {
                    checkContract(plan);
                }
                if (CANDIDATE.equals(name)) {
                    checkKeyedByImage(plan);
                }
                gate.check(plan, req);
            };
            log.info("Release: phase " + name + " (" + contract.liveVariable() + "=" + quote(live) + ", "
                    + contract.candidateVariable() + "=" + quote(candidate) + ")");
            contractChecked = true;
            try {
                DeployResult result = Deploy.run(phase, context, RunContext.Journal.DEPLOY,
                        new Phase(name, contract.liveVariable(), contract.candidateVariable(), check));
                phases.add(new PhaseResult(name, result));
                return result;
            } catch (DeployException e) {
                if (e.result() != null) {
                    phases.add(new PhaseResult(name, e.result()));
                }
                String msg = e instanceof ContractException ? e.getMessage() : first ? undeclared(e) : null;
                throw new ReleaseException(msg != null ? msg : "The release of " + image + " stopped in its " + name
                        + " phase: " + e.getMessage(), phases, e);
            }
        }

        private static String quote(String s) {
            return "\"" + s + "\"";
        }

        /** The contract's variables and outputs, checked on the first plan, before anything is applied. */
        private void checkContract(PlanDocument plan) {
            List<String> problems = new ArrayList<>();
            for (String v : List.of(contract.liveVariable(), contract.candidateVariable())) {
                if (!plan.declaredVariables().containsKey(v)) {
                    problems.add(missingVariable(v));
                }
            }
            PlanDocument.Variable cand = plan.declaredVariables().get(contract.candidateVariable());
            if (cand != null && (!cand.hasDefault() || !"".equals(cand.defaultText()))) {
                problems.add("the variable " + contract.candidateVariable() + " must default to \"\" (no candidate):"
                        + " variable \"" + contract.candidateVariable() + "\" { type = string, default = \"\" }");
            }
            for (String[] o : List.of(new String[] {contract.urlOutput(), "urlOutput", "the stable address"},
                    new String[] {contract.candidateUrlOutput(), "candidateUrlOutput", "the candidate's own address"})) {
                Boolean sensitive = plan.declaredOutputs().get(o[0]);
                if (sensitive == null) {
                    problems.add("it declares no output " + o[0] + " (" + o[2] + ", checked by the release): add output"
                            + " \"" + o[0] + "\" { value = \"http://…\" }, or name yours with " + names.name(o[1]));
                } else if (sensitive) {
                    problems.add("the output " + o[0] + " is sensitive, but the release must read, check and show "
                            + o[2] + ": make it not sensitive");
                }
            }
            if (!problems.isEmpty()) {
                throw new ContractException(contractMessage(problems));
            }
        }

        private String missingVariable(String v) {
            boolean live = v.equals(contract.liveVariable());
            return "it declares no variable " + v + " (" + (live ? "the live image" : "the candidate image") + "): add"
                    + " variable \"" + v + "\" { type = string" + (live ? "" : ", default = \"\"") + " }, or name yours"
                    + " with " + names.name(live ? "liveVar" : "candidateVar");
        }

        private String contractMessage(List<String> problems) {
            return "The configuration in " + request.deploy().dir() + " does not follow the release's contract, so"
                    + " nothing was applied: " + String.join("; ", problems) + ". The servers must be keyed by image,"
                    + " e.g. for_each = toset(compact([var." + contract.liveVariable() + ", var."
                    + contract.candidateVariable() + "])).";
        }

        /** The candidate's servers must carry its image in their key, so the gates can tell them apart. */
        private void checkKeyedByImage(PlanDocument plan) {
            boolean keyed = plan.all().stream().anyMatch(c -> c.deposed() == null && c.keys().contains(image));
            if (!keyed) {
                throw new ContractException(contractMessage(List.of("its candidate plan has no resource keyed by the"
                        + " candidate image " + image + " (such as aws_instance.app[\"" + image + "\"]), so the phases"
                        + " could not tell its servers from the live ones")));
            }
        }

        /** A first plan that failed on a contract variable the configuration does not declare, said as such. */
        private String undeclared(DeployException e) {
            for (String d : e.diagnostics()) {
                if (d.contains("undeclared variable")) {
                    for (String v : List.of(contract.liveVariable(), contract.candidateVariable())) {
                        if (d.contains("\"" + v + "\"")) {
                            return contractMessage(List.of(missingVariable(v)));
                        }
                    }
                }
            }
            return null;
        }

        private Set<String> createdWithoutImageKey(DeployResult candidate) {
            Set<String> out = new LinkedHashSet<>();
            for (ResourceChange c : candidate.summary().changes()) {
                if (c.action() == ResourceChange.Action.CREATE && !c.keys().contains(image)) {
                    out.add(c.address());
                }
            }
            return out;
        }

        /** Checks the addresses an output of a phase names; the verdict goes on the phase's record. */
        private ReleaseChecks.Outcome check(String where, DeployResult phase, String output, String field,
                DeploymentRecord record) {
            List<String> addresses = addresses(phase, output, field);
            VerifyRequest checks = request.checks().at(output, addresses);
            log.info("Release: checking " + image + (CANDIDATE.equals(where) ? " on its own address" : " through the"
                    + " stable address") + " (" + String.join(", ", addresses) + ")");
            ReleaseChecks.Outcome outcome = new ReleaseChecks.Outcome(HealthChecks.verify(checks, context));
            Map<String, Object> page = new LinkedHashMap<>(outcome.http().toMap());
            page.put("phase", where);
            context.record(RunContext.Journal.VERIFY, page);
            if (outcome.cancelled()) {
                throw new ReleaseException("The release of " + image + " was cancelled during the checks "
                        + (CANDIDATE.equals(where) ? "of the candidate; it stays beside the live servers"
                                : "through the stable address; the standby still runs")
                        + ", and the next release recovers from here", phases, null);
            }
            context.records().update(record.withVerification(new Verification(context.clock().instant(), image,
                    CANDIDATE.equals(where) ? Verification.CANDIDATE : Verification.STABLE, outcome.passed())));
            return outcome;
        }

        @SuppressWarnings("unchecked")
        private List<String> addresses(DeployResult phase, String output, String field) {
            Object value = phase.outputs().get(output);
            List<String> out = new ArrayList<>();
            if (value instanceof String s && !s.isBlank()) {
                out.add(s.trim());
            } else if (value instanceof List<?> l) {
                ((List<Object>) l).forEach(v -> out.add(String.valueOf(v).trim()));
            }
            out.removeIf(String::isEmpty);
            if (out.isEmpty() || out.contains(SecretMasker.MASK)) {
                throw new ReleaseException("The output " + output + " (" + names.name(field) + ") holds no address to"
                        + " check after the " + phase.deploymentRecord().phase() + " phase (it is " + value + "): it"
                        + " must be the URL, or a list of URLs, of "
                        + ("urlOutput".equals(field) ? "the stable address" : "the candidate's own address"), phases, null);
            }
            return out;
        }

        private void outcome(DeploymentRecord record, String outcome, Double restoreSeconds) {
            context.records().update(latest(record).withOutcome(outcome, restoreSeconds));
        }

        /** The record as saved last (with the verdict of its checks). */
        private DeploymentRecord latest(DeploymentRecord record) {
            return context.records().list(request.deploy().dir(), request.deploy().workspaceOrDefault()).stream()
                    .filter(r -> r.id().equals(record.id())).findFirst().orElse(record);
        }

        private void sleep(Duration d) {
            try {
                Sleeper.until(context.cancellation()).sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                context.cancellation().cancel();
            }
            if (context.cancellation().isCancelled()) {
                throw new ReleaseException("The release of " + image + " was cancelled while the standby was kept; "
                        + image + " is live and verified, the standby still runs, and the next release retires it",
                        phases, null);
            }
        }
    }

    /**
     * The configuration does not follow the release's contract (a variable or output is missing, or its servers are
     * not keyed by image). Nothing was applied.
     */
    public static final class ContractException extends DeployException {
        private static final long serialVersionUID = 1L;

        ContractException(String message) {
            super(message, List.of(), null);
        }

        private ContractException(String message, DeployResult result) {
            super(message, List.of(), result);
        }

        @Override
        public ContractException withResult(DeployResult result) {
            return new ContractException(getMessage(), result);
        }
    }

    /**
     * What the records say of a configuration before a release: the live image, and whether an earlier release was
     * left between phases.
     */
    static final class Live {
        /** The image the stable address serves (or is to serve after recovery); {@code ""} when none. */
        String live = "";
        /** The record it comes from, or null. */
        DeploymentRecord from;
        /** Other images that may still have servers. */
        final Set<String> leftovers = new LinkedHashSet<>();
        /** What the candidate phase of a release left unfinished created (its leftovers may go with it). */
        final Set<String> created = new LinkedHashSet<>();
        boolean needsRecovery;
        String recovery = "";

        /**
         * @param records the configuration's records, newest first
         * @param contract its variables' names
         * @param image the image about to be released
         * @return what they say
         */
        static Live of(List<DeploymentRecord> records, Contract contract, String image) {
            Live l = new Live();
            List<DeploymentRecord> failedApplies = new ArrayList<>();
            DeploymentRecord rest = null;
            for (DeploymentRecord r : records) {
                if (r.successful()) {
                    rest = r;
                    break;
                }
                if (r.applyFailed()) {
                    failedApplies.add(r);
                }
            }
            for (DeploymentRecord r : records) {
                if (DISCARD.equals(r.phase()) || RETIRE.equals(r.phase())) {
                    break; // the newest release was finished: none of its candidate's resources is a leftover
                }
                if (CANDIDATE.equals(r.phase())) {
                    r.changes().stream().filter(c -> "create".equals(c.get("action")))
                            .map(c -> c.get("address")).forEach(l.created::add);
                    break;
                }
            }
            List<String> why = new ArrayList<>();
            if (rest != null) {
                l.from = rest;
                String live = value(rest, contract.liveVariable());
                String candidate = value(rest, contract.candidateVariable());
                if (PROMOTE.equals(rest.phase()) && !Boolean.TRUE.equals(rest.verified())) {
                    // Promoted but never verified through the stable address: the standby is the release to trust.
                    l.live = candidate;
                    l.leftovers.add(live);
                    why.add(live + " was promoted (record " + rest.id() + ") but never passed its checks through the"
                            + " stable address");
                } else {
                    l.live = live;
                    l.leftovers.add(candidate);
                    if (!candidate.isEmpty()) {
                        why.add(candidate + " still has servers beside " + (live.isEmpty() ? "nothing" : live)
                                + " (record " + rest.id() + ", " + (rest.phase() == null ? "deploy" : rest.phase())
                                + ")");
                    }
                }
            }
            for (DeploymentRecord f : failedApplies) {
                l.leftovers.add(value(f, contract.liveVariable()));
                l.leftovers.add(value(f, contract.candidateVariable()));
                why.add("the apply of record " + f.id() + " (" + (f.phase() == null ? "deploy" : f.phase())
                        + ") did not finish");
            }
            l.leftovers.remove("");
            l.leftovers.remove(l.live);
            l.needsRecovery = !why.isEmpty();
            // Carrying on: the interrupted run was bringing up this very image as the candidate, and the address was
            // never touched; its candidate phase picks up where it stopped.
            DeploymentRecord newest = records.isEmpty() ? null : records.get(0);
            if (l.needsRecovery && newest != null && CANDIDATE.equals(newest.phase())
                    && l.leftovers.equals(Set.of(image)) && l.live.equals(value(newest, contract.liveVariable()))) {
                l.needsRecovery = false;
            }
            l.recovery = String.join("; ", why);
            return l;
        }

        private static String value(DeploymentRecord r, String variable) {
            String v = r.variable(variable);
            return v == null ? "" : v;
        }

        String describe() {
            String s = live.isEmpty() ? "nothing is live yet (the first release)" : live + " is live (record "
                    + from.id() + ")";
            return needsRecovery ? s + "; " + recovery : s;
        }
    }
}
