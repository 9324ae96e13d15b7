package io.jenkins.plugins.immutabledeploy.engine.github;

import java.util.List;
import java.util.Objects;

/**
 * What one poll found.
 *
 * @param notModified whether GitHub answered 304: nothing changed since the last poll
 * @param newReleases releases not seen before that pass the filter, oldest first (the order to
 *     start builds in); empty on a first poll, which only takes stock
 * @param state the state to persist for the next poll
 * @param requests how many HTTP requests the poll made (rate-limited retries included)
 */
public record PollResult(boolean notModified, List<Release> newReleases, PollState state, int requests) {
    /** Copies the list. */
    public PollResult {
        newReleases = List.copyOf(newReleases == null ? List.of() : newReleases);
        Objects.requireNonNull(state, "state");
    }

}
