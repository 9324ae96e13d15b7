package io.jenkins.plugins.immutabledeploy.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanException;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneRequest;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneResult;
import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeRequest;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeResult;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer.Answer;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's outbound calls through its network port: a port that sends them elsewhere gets them serialized, and
 * where they are made their lines are masked with the run's secrets and an interrupt cancels them.
 */
class NetworkTest {
    private static final String SECRET = "s3cr3t-header-value";

    @TempDir
    Path tmp;

    private final List<String> controllerLines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> remoteLines = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();

    /** Sends the calls "to another JVM" as a remote channel would: serialized there, the answer serialized back. */
    private final RunContext.Network elsewhere = new RunContext.Network() {
        @Override
        public <R extends Serializable> R make(RunContext.Calls<R> calls, RunContext context) {
            sent.incrementAndGet();
            try {
                @SuppressWarnings("unchecked")
                RunContext.Calls<R> there = (RunContext.Calls<R>) copy(calls);
                @SuppressWarnings("unchecked")
                R answer = (R) copy(there.makeHere(remoteLines::add, HttpClients.shared()));
                return answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return calls.cancelled();
            }
        }
    };

    private RunContext run(RunContext.Network network) {
        return RunContext.builder(controllerLines::add).network(network)
                .records(new FileRecordStore(tmp.resolve("records"))).build();
    }

    private static Object copy(Object o) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VerifyRequest checks(String url, Path caFile) {
        return VerifyRequest.builder().caFile(caFile).urls(List.of(url), c -> c.interval(Duration.ofMillis(50))
                .timeout(Duration.ofSeconds(5)).successThreshold(2).status("200").bodyRegex("^ok$")
                .jsonPointer(null).secretHeader("Authorization", "Bearer " + SECRET).header("X-Probe", "1")).build();
    }

    @Test
    void aVerificationTravelsSerializedAndItsLinesAreMaskedWhereItIsMade() throws Exception {
        try (HealthServer server = HealthServer.http((n, p) -> n == 1 ? Answer.of(500, "denied: token=" + SECRET)
                : Answer.ok("ok"))) {
            RunContext context = run(elsewhere);
            context.secrets().add(SECRET);

            VerifyOrRollBack.Result r = VerifyOrRollBack.run(VerifyOrRollBack.Request.verify(checks(server.url("/h"), null)),
                    context);

            assertThat(sent).hasValue(1);
            assertThat(r.healthy()).isTrue();
            assertThat(r.verification().endpoints().get(0).attempts()).isEqualTo(3);
            assertThat(server.headers().get(0).getFirst("Authorization")).isEqualTo("Bearer " + SECRET);
            assertThat(server.headers().get(0).getFirst("X-Probe")).isEqualTo("1");
            assertThat(String.join("\n", remoteLines)).as("the checks logged where they ran")
                    .contains("| denied: token=****").doesNotContain(SECRET);
            assertThat(controllerLines).noneMatch(l -> l.contains("->"));
        }
    }

    @Test
    void theCaFileIsCheckedOnTheMachineOfTheRunsFilesBeforeAnythingIsCalled() {
        RunContext context = run(elsewhere);
        Path missing = tmp.resolve("nope.pem");

        assertThatThrownBy(() -> VerifyOrRollBack.run(VerifyOrRollBack.Request.verify(checks("http://127.0.0.1:1/h",
                missing)), context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("caFile: " + missing + " is not a file; give a PEM file of CA certificates");
        assertThat(sent).hasValue(0);
    }

    @Test
    void anInterruptWhereTheCallsAreMadeCancelsThemAtOnce() throws Exception {
        try (HealthServer server = HealthServer.http((n, p) -> Answer.of(503, "starting"))) {
            RunContext.Calls<VerifyResult> calls = new RunContext.Calls<>("the health checks",
                    new HealthChecksVerify(checks(server.url("/h"), null)), run(elsewhere).secrets());
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread agent = new Thread(() -> {
                try {
                    calls.makeHere(remoteLines::add, HttpClients.shared());
                    ended.complete(null);
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
            agent.start();
            while (server.requests() < 2) {
                Thread.sleep(10);
            }

            long interrupted = System.nanoTime();
            agent.interrupt();

            assertThat(ended.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interrupted)).isLessThan(2_000);
            int after = server.requests();
            Thread.sleep(300);
            assertThat(server.requests()).as("no attempt after the cancel").isEqualTo(after);
            assertThat(Thread.getAllStackTraces().keySet()).as("the calls' own thread has ended")
                    .noneMatch(t -> t.getName().equals("immutable-deploy: the health checks"));
        }
    }

    @Test
    void callsWhoseAnswerIsLostToACancelEndAsACancelledRunEndsThem() throws IOException {
        RunContext.Network lost = new RunContext.Network() {
            @Override
            public <R extends Serializable> R make(RunContext.Calls<R> calls, RunContext context) {
                sent.incrementAndGet();
                return calls.cancelled();
            }
        };
        RunContext context = run(lost);

        VerifyOrRollBack.Result r = VerifyOrRollBack.run(VerifyOrRollBack.Request.verify(checks("http://127.0.0.1:1/h",
                null)), context);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.healthy()).isFalse();
        assertThat(r.verification().endpoints()).singleElement().satisfies(e -> {
            assertThat(e.url()).isEqualTo("http://127.0.0.1:1/h");
            assertThat(e.reason()).isEqualTo("cancelled");
        });

        PruneRequest prune = PruneRequest.builder().prefix("web-").keep(1).build();
        assertThatThrownBy(() -> Prune.run(new Prune.Request(prune, FakeDigitalOcean.TOKEN, "DO_TOKEN"), context))
                .isInstanceOf(DigitalOceanException.class).hasMessageStartingWith("Cancelled: the prune was stopped");

        Path template = Files.writeString(tmp.resolve("t.pkr.hcl"), "");
        BakeRequest bake = BakeRequest.builder(template.toString()).token(FakeDigitalOcean.TOKEN).build();
        assertThatThrownBy(() -> BakeOrReuse.run(new BakeOrReuse.Request(bake, true, "web-1", null, "DO_TOKEN"), context))
                .isInstanceOf(DigitalOceanException.class)
                .hasMessage("Cancelled: the DigitalOcean snapshot lookup of web-1 was stopped before it completed");
        assertThat(sent).hasValue(3);
    }

    @Test
    void theSnapshotLookupAndThePruneAreMadeThroughTheNetworkPortAndTheirAnswersTravelBack() throws Exception {
        FakeDigitalOcean api = new FakeDigitalOcean();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(api);
            server.start();
            RunContext context = run(elsewhere);
            Path template = Files.writeString(tmp.resolve("t.pkr.hcl"), "");
            BakeRequest bake = BakeRequest.builder(template.toString()).token(FakeDigitalOcean.TOKEN).build();
            String existing = "web-v1.4.0";

            BakeResult reused = BakeOrReuse.run(new BakeOrReuse.Request(bake, true, existing, server.url("/").toString(),
                    "DO_TOKEN"), context);
            PruneResult pruned = Prune.run(new Prune.Request(PruneRequest.builder().prefix("web-").keep(2).dryRun(true)
                    .apiUrl(server.url("/").toString()).build(), FakeDigitalOcean.TOKEN, "DO_TOKEN"), context);

            assertThat(sent).hasValue(2);
            assertThat(reused.skipped()).isTrue();
            assertThat(reused.name()).isEqualTo(existing);
            assertThat(pruned.dryRun()).isTrue();
            assertThat(pruned.keptIds()).hasSize(2);
            assertThat(String.join("\n", remoteLines) + controllerLines).doesNotContain(FakeDigitalOcean.TOKEN);
        }
    }

    /** The verification's calls, as {@link HealthChecks} packs them. */
    private record HealthChecksVerify(VerifyRequest request) implements RunContext.Work<VerifyResult> {
        @Override
        public VerifyResult make(io.jenkins.plugins.immutabledeploy.engine.log.BuildLog log,
                io.jenkins.plugins.immutabledeploy.engine.process.Cancellation cancellation, okhttp3.OkHttpClient http) {
            return new io.jenkins.plugins.immutabledeploy.engine.verify.HealthVerifier(http).verify(request, log,
                    cancellation);
        }

        @Override
        public VerifyResult cancelled() {
            throw new UnsupportedOperationException();
        }
    }
}
