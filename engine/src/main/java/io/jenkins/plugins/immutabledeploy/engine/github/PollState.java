package io.jenkins.plugins.immutabledeploy.engine.github;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a job's release trigger remembers, small enough for the caller to persist as one text
 * ({@link #encode()}): whether a first poll happened, the ETag of the last listing (so an unchanged
 * listing costs a 304 and no rate limit), the ids of the releases polling saw most recently, and
 * the releases that started the job ({@link Release#startKey()}), by webhook or by polling.
 *
 * <p>Release ids, not tags or times, identify what was seen: a draft keeps its id when it is
 * published, and a tag can be moved. A release is added to {@link #startedKeys} only once its build
 * was scheduled, so each remembered release started the job exactly once; the list is what keeps a
 * redelivery, the other trigger or a restart from starting it again.
 *
 * @param initialized whether a first poll took stock of the existing releases
 * @param etag the {@code ETag} of the last full listing's first page, or null
 * @param seenIds release ids polling saw, newest first, at most {@link #MAX_SEEN}
 * @param startedKeys the releases that started the job, newest first, at most {@link #MAX_STARTED}
 */
public record PollState(boolean initialized, String etag, List<Long> seenIds, List<String> startedKeys) {
    /** How many release ids are remembered: more than a first page of the listing holds. */
    public static final int MAX_SEEN = 200;
    /** How many started releases are remembered: far more than are ever redelivered. */
    public static final int MAX_STARTED = 200;

    /** The state before the first poll and the first build. */
    public static final PollState INITIAL = new PollState(false, null, List.of(), List.of());

    private static final String VERSION = "v2";

    /** Copies and bounds the lists, and checks that each value fits on one line. */
    public PollState {
        seenIds = bounded(seenIds, MAX_SEEN);
        startedKeys = bounded(startedKeys, MAX_STARTED);
        if (etag != null && (etag.isEmpty() || !oneLine(etag))) {
            throw new IllegalArgumentException("etag: must be a single non-empty line, got '" + etag + "'");
        }
        for (String key : startedKeys) {
            if (key == null || key.isEmpty() || !oneLine(key)) {
                throw new IllegalArgumentException("startedKeys: each must be a single non-empty line, got '" + key + "'");
            }
        }
    }

    /**
     * A state without started releases: what polling alone knows.
     *
     * @param initialized whether a first poll took stock of the existing releases
     * @param etag the {@code ETag} of the last listing, or null
     * @param seenIds release ids seen, newest first
     */
    public PollState(boolean initialized, String etag, List<Long> seenIds) {
        this(initialized, etag, seenIds, List.of());
    }

    /**
     * @param id a release id
     * @return whether polling saw it
     */
    public boolean seen(long id) {
        return seenIds.contains(id);
    }

    /**
     * @param startKey a release's {@link Release#startKey()}
     * @return whether that release started the job
     */
    public boolean started(String startKey) {
        return startedKeys.contains(startKey);
    }

    /**
     * The state after a listing: the new ETag, and the ids just listed ahead of those remembered.
     *
     * @param newEtag the listing's ETag, or null
     * @param listedIds the ids of the releases listed, newest first
     * @return the new state, initialised, with the same started releases
     */
    public PollState after(String newEtag, List<Long> listedIds) {
        Set<Long> ids = new LinkedHashSet<>(listedIds);
        ids.addAll(seenIds);
        return new PollState(true, newEtag, new ArrayList<>(ids), startedKeys);
    }

    /**
     * @param startKey a release whose build was just scheduled ({@link Release#startKey()})
     * @return this state remembering it first
     * @throws IllegalArgumentException when the key is empty or not one line
     */
    public PollState withStarted(String startKey) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(startKey);
        keys.addAll(startedKeys);
        return new PollState(initialized, etag, seenIds, new ArrayList<>(keys));
    }

    /**
     * Takes what a poll learnt while keeping this state's started releases: a webhook may have
     * started a release while the poll was reading GitHub.
     *
     * @param polled the state a poll returned
     * @return polling's fields from {@code polled}, the started releases from this state
     */
    public PollState withPollingOf(PollState polled) {
        return new PollState(polled.initialized, polled.etag, polled.seenIds, startedKeys);
    }

    /**
     * Forgets that polling saw some releases, and the ETag, so the next poll lists them again and
     * offers them as new: for releases whose build could not be scheduled.
     *
     * @param ids the release ids to offer again
     * @return the state without them and without an ETag (the same state when {@code ids} is empty)
     */
    public PollState offeringAgain(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return this;
        }
        List<Long> kept = new ArrayList<>(seenIds);
        kept.removeAll(ids);
        return new PollState(initialized, null, kept, startedKeys);
    }

    /**
     * @return lines: {@code v2}, {@code initialized=<true|false>}, {@code etag=<etag>} (empty for
     *     none), {@code seen=<id,id,...>}, then one {@code started=<key>} per started release
     */
    public String encode() {
        StringBuilder sb = new StringBuilder(VERSION).append('\n')
                .append("initialized=").append(initialized).append('\n')
                .append("etag=").append(etag == null ? "" : etag).append('\n')
                .append("seen=");
        for (int i = 0; i < seenIds.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(seenIds.get(i));
        }
        sb.append('\n');
        for (String key : startedKeys) {
            sb.append("started=").append(key).append('\n');
        }
        return sb.toString();
    }

    /**
     * Reads {@link #encode()}'s form, or the one-line form of earlier versions
     * ({@code v1;<initialized>;<etag>;<id,id,...>}, without started releases).
     *
     * @param encoded the text, or null/blank for {@link #INITIAL}
     * @return the state
     * @throws IllegalArgumentException when the text is in neither form
     */
    public static PollState decode(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return INITIAL;
        }
        String text = encoded.strip();
        if (text.startsWith("v1;")) {
            return decodeV1(text);
        }
        List<String> lines = text.lines().toList();
        if (!lines.get(0).equals(VERSION)) {
            throw new IllegalArgumentException("poll state: it does not begin with " + VERSION + " or v1;");
        }
        boolean init = false;
        String etag = null;
        List<Long> ids = List.of();
        List<String> started = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int eq = line.indexOf('=');
            String name = eq < 0 ? line : line.substring(0, eq);
            String value = eq < 0 ? "" : line.substring(eq + 1);
            switch (name) {
                case "initialized" -> init = Boolean.parseBoolean(value);
                case "etag" -> etag = value.isEmpty() ? null : value;
                case "seen" -> ids = ids(value);
                case "started" -> started.add(value);
                default -> throw new IllegalArgumentException("poll state: unknown line '" + line + "'");
            }
        }
        return new PollState(init, etag, ids, started);
    }

    private static PollState decodeV1(String encoded) {
        int first = encoded.indexOf(';');
        int second = encoded.indexOf(';', first + 1);
        int last = encoded.lastIndexOf(';');
        if (second < 0 || last <= second) {
            throw new IllegalArgumentException("poll state: '" + encoded + "' is not a saved poll state (v1;...)");
        }
        String etag = encoded.substring(second + 1, last);
        return new PollState(Boolean.parseBoolean(encoded.substring(first + 1, second)), etag.isEmpty() ? null : etag,
                ids(encoded.substring(last + 1)));
    }

    private static List<Long> ids(String list) {
        List<Long> ids = new ArrayList<>();
        if (!list.isEmpty()) {
            try {
                for (String s : list.split(",")) {
                    ids.add(Long.parseLong(s.trim()));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("poll state: release ids '" + list + "' are not numbers");
            }
        }
        return ids;
    }

    private static <T> List<T> bounded(List<T> values, int max) {
        List<T> v = values == null ? List.of() : values;
        return List.copyOf(v.size() > max ? v.subList(0, max) : v);
    }

    private static boolean oneLine(String s) {
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
    }
}
