package io.jenkins.plugins.immutabledeploy.engine.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRecordStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00.123Z");

    @TempDir
    Path tmp;

    private static DeploymentRecord record(Instant time, String result) {
        return new DeploymentRecord(FileRecordStore.newId(time), time, "infra/web", "staging", "tofu", "1.10.10",
                Map.of("image_id", "img-" + time.getEpochSecond()), List.of("prod.tfvars"),
                Map.of("do_token", "DIGITALOCEAN_TOKEN"), Map.of("add", 1, "change", 0, "replace", 2, "destroy", 0),
                "ab12", Map.of("url", "http://10.0.0.1", "password", "****"), result,
                DeploymentRecord.FAILED.equals(result) ? "apply failed" : null);
    }

    @Test
    void aSavedRecordReadsBackEqual() {
        FileRecordStore store = new FileRecordStore(tmp);
        DeploymentRecord r = record(T0, DeploymentRecord.SUCCESS);

        String id = store.save(r);

        assertThat(id).isEqualTo(r.id());
        assertThat(store.file(r)).exists();
        assertThat(tmp.relativize(store.file(r)).toString()).matches("web-[0-9a-f]{8}/staging/" + r.id() + "\\.json");
        assertThat(store.list("infra/web", "staging")).containsExactly(r);
    }

    @Test
    void recordsAreListedNewestFirstPerConfigurationAndWorkspace() {
        FileRecordStore store = new FileRecordStore(tmp);
        DeploymentRecord old = record(T0, DeploymentRecord.SUCCESS);
        DeploymentRecord mid = record(T0.plusSeconds(5), DeploymentRecord.FAILED);
        DeploymentRecord recent = record(T0.plusSeconds(3600 * 30), DeploymentRecord.NO_CHANGES);
        store.save(mid);
        store.save(recent);
        store.save(old);

        assertThat(store.list("infra/web", "staging")).containsExactly(recent, mid, old);
        assertThat(store.list("infra/web", "production")).isEmpty();
        assertThat(store.list("infra/other", "staging")).isEmpty();
    }

    @Test
    void idsSortInTimeOrderEvenAcrossDigitCountChanges() {
        String a = FileRecordStore.newId(Instant.parse("2026-01-01T09:59:59.999Z"));
        String b = FileRecordStore.newId(Instant.parse("2026-01-01T10:00:00.000Z"));

        assertThat(a).matches("20260101T095959\\.999Z-[0-9a-f]{6}");
        assertThat(a.compareTo(b)).isNegative();
    }

    @Test
    void previousSuccessfulSkipsFailedRecordsAndTheExcludedId() {
        FileRecordStore store = new FileRecordStore(tmp);
        DeploymentRecord good = record(T0, DeploymentRecord.SUCCESS);
        DeploymentRecord unchanged = record(T0.plusSeconds(10), DeploymentRecord.NO_CHANGES);
        DeploymentRecord failed = record(T0.plusSeconds(20), DeploymentRecord.FAILED);
        DeploymentRecord current = record(T0.plusSeconds(30), DeploymentRecord.SUCCESS);
        Stream.of(good, unchanged, failed, current).forEach(store::save);

        assertThat(store.previousSuccessful("infra/web", "staging", current.id())).contains(unchanged);
        assertThat(store.previousSuccessful("infra/web", "staging", null)).contains(current);
        assertThat(store.previousSuccessful("infra/web", "staging", unchanged.id())).contains(current);
        assertThat(store.previousSuccessful("infra/web", "other", null)).isEmpty();
    }

    @Test
    void noTemporaryFileIsLeftNextToTheRecords() throws IOException {
        FileRecordStore store = new FileRecordStore(tmp);
        DeploymentRecord r = record(T0, DeploymentRecord.SUCCESS);
        store.save(r);

        try (Stream<Path> files = Files.list(store.file(r).getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".json"));
        }
    }

    @Test
    void aFileThatIsNotARecordGivesAnErrorNamingTheFile() throws IOException {
        Path bad = Files.createDirectories(tmp.resolve("web/staging")).resolve("20260101T000000.000Z-000000.json");
        Files.writeString(bad, "{\"id\": 1");

        assertThatThrownBy(() -> new FileRecordStore(tmp).list("infra/web", "staging"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("Could not read the deployment record " + bad);
    }
}
