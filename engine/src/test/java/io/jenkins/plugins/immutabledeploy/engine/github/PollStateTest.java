package io.jenkins.plugins.immutabledeploy.engine.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollStateTest {
    @Test
    void theStartedReleasesSurviveTheEncodingBesideAQuotedWeakEtagWithASemicolon() {
        PollState s = new PollState(true, "W/\"a;b=c\"", List.of(14L, 13L), List.of("octocat/app#14", "octocat/app#tag:v0"));
        String text = s.encode();
        assertThat(text).isEqualTo("v2\ninitialized=true\netag=W/\"a;b=c\"\nseen=14,13\n"
                + "started=octocat/app#14\nstarted=octocat/app#tag:v0\n");
        assertThat(PollState.decode(text)).isEqualTo(s);
        assertThat(PollState.decode(PollState.INITIAL.encode())).isEqualTo(PollState.INITIAL);
        assertThat(PollState.decode(null)).isEqualTo(PollState.INITIAL);
    }

    @Test
    void aStateSavedByTheEarlierOneLineFormIsStillReadWithNothingStarted() {
        PollState old = PollState.decode("v1;true;\"first\";182512947,7\n");
        assertThat(old).isEqualTo(new PollState(true, "\"first\"", List.of(182512947L, 7L)));
        assertThat(old.startedKeys()).isEmpty();
        assertThatThrownBy(() -> PollState.decode("v1;true;x;1,two")).hasMessageContaining("are not numbers");
        assertThatThrownBy(() -> PollState.decode("v3\nx=1")).hasMessageContaining("does not begin with v2");
        assertThatThrownBy(() -> PollState.decode("v2\nfuture=1")).hasMessage("poll state: unknown line 'future=1'");
    }

    @Test
    void aStartedReleaseIsRememberedFirstOnceAndPollingKeepsWhatAWebhookStartedMeanwhile() {
        PollState before = PollState.INITIAL.withStarted("o/a#1");
        PollState webhookMeanwhile = before.withStarted("o/a#2").withStarted("o/a#1");
        assertThat(webhookMeanwhile.startedKeys()).containsExactly("o/a#1", "o/a#2");
        assertThat(webhookMeanwhile.started("o/a#2")).isTrue();

        PollState polled = before.after("\"e\"", List.of(3L, 2L, 1L));
        assertThat(polled.startedKeys()).containsExactly("o/a#1");
        PollState saved = webhookMeanwhile.withPollingOf(polled);
        assertThat(saved).isEqualTo(new PollState(true, "\"e\"", List.of(3L, 2L, 1L), List.of("o/a#1", "o/a#2")));
    }

    @Test
    void releasesOfferedAgainAreForgottenWithTheEtagSoTheNextPollListsThemAsNew() {
        PollState s = new PollState(true, "\"e\"", List.of(3L, 2L, 1L), List.of("o/a#1"));
        assertThat(s.offeringAgain(List.of())).isSameAs(s);
        assertThat(s.offeringAgain(List.of(3L))).isEqualTo(new PollState(true, null, List.of(2L, 1L), List.of("o/a#1")));
    }

    @Test
    void bothMemoriesAreBoundedAndAKeyMustBeOneLine() {
        List<Long> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add(1000L - i);
            keys.add("o/a#" + (1000 - i));
        }
        PollState s = new PollState(true, null, ids, keys);
        assertThat(s.seenIds()).hasSize(PollState.MAX_SEEN).startsWith(1000L);
        assertThat(s.startedKeys()).hasSize(PollState.MAX_STARTED).startsWith("o/a#1000");
        assertThat(s.withStarted("o/a#2000").startedKeys()).hasSize(PollState.MAX_STARTED).startsWith("o/a#2000")
                .doesNotContain("o/a#" + (1000 - PollState.MAX_STARTED + 1));
        assertThatThrownBy(() -> s.withStarted("o/a#1\nstarted=o/a#99")).hasMessageStartingWith("startedKeys: each must be a single");
    }
}
