package io.jenkins.plugins.immutabledeploy.engine.github;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What polling remembers between polls, small enough for the caller to persist as one string
 * ({@link #encode()}): whether a first poll happened, the ETag of the last listing (so an unchanged
 * listing costs a 304 and no rate limit), and the ids of the releases seen most recently.
 *
 * <p>Release ids, not tags or times, identify what was seen: a draft keeps its id when it is
 * published, and a tag can be moved.
 *
 * @param initialized whether a first poll took stock of the existing releases
 * @param etag the {@code ETag} of the last full listing's first page, or null
 * @param seenIds release ids seen, newest first, at most {@link #MAX_SEEN}
 */
public record PollState(boolean initialized, String etag, List<Long> seenIds) {
    /** How many release ids are remembered: more than a first page of the listing holds. */
    public static final int MAX_SEEN = 200;

    /** The state before the first poll. */
    public static final PollState INITIAL = new PollState(false, null, List.of());

    /** Copies and bounds the ids. */
    public PollState {
        List<Long> ids = seenIds == null ? List.of() : seenIds;
        seenIds = List.copyOf(ids.size() > MAX_SEEN ? ids.subList(0, MAX_SEEN) : ids);
        if (etag != null && (etag.isEmpty() || etag.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("etag: must be a single non-empty line, got '" + etag + "'");
        }
    }

    /**
     * @param id a release id
     * @return whether it was seen
     */
    public boolean seen(long id) {
        return seenIds.contains(id);
    }

    /**
     * The state after a listing: the new ETag, and the ids just listed ahead of those remembered.
     *
     * @param newEtag the listing's ETag, or null
     * @param listedIds the ids of the releases listed, newest first
     * @return the new state, initialised
     */
    public PollState after(String newEtag, List<Long> listedIds) {
        Set<Long> ids = new LinkedHashSet<>(listedIds);
        ids.addAll(seenIds);
        return new PollState(true, newEtag, new ArrayList<>(ids));
    }

    /**
     * @return one line: {@code v1;<initialized>;<etag>;<id,id,...>} (an ETag is a quoted string
     *     without newlines; {@code ;} inside it is kept, because the ids are read from the end)
     */
    public String encode() {
        StringBuilder sb = new StringBuilder("v1;").append(initialized).append(';')
                .append(etag == null ? "" : etag).append(';');
        for (int i = 0; i < seenIds.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(seenIds.get(i));
        }
        return sb.toString();
    }

    /**
     * Reads {@link #encode()}'s form.
     *
     * @param encoded the string, or null/blank for {@link #INITIAL}
     * @return the state
     * @throws IllegalArgumentException when the string is not in that form
     */
    public static PollState decode(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return INITIAL;
        }
        int first = encoded.indexOf(';');
        int second = first < 0 ? -1 : encoded.indexOf(';', first + 1);
        int last = encoded.lastIndexOf(';');
        if (!encoded.startsWith("v1;") || second < 0 || last <= second) {
            throw new IllegalArgumentException("poll state: '" + encoded + "' is not a saved poll state (v1;...)");
        }
        boolean init = Boolean.parseBoolean(encoded.substring(first + 1, second));
        String etag = encoded.substring(second + 1, last);
        List<Long> ids = new ArrayList<>();
        String list = encoded.substring(last + 1);
        if (!list.isEmpty()) {
            try {
                for (String s : list.split(",")) {
                    ids.add(Long.parseLong(s.trim()));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("poll state: release ids '" + list + "' are not numbers");
            }
        }
        return new PollState(init, etag.isEmpty() ? null : etag, ids);
    }

}
