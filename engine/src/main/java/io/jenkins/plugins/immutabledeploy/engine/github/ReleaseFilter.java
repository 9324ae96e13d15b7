package io.jenkins.plugins.immutabledeploy.engine.github;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which releases start a build: those of one repository, whose tag matches a pattern, optionally
 * including pre-releases, and never drafts (a draft is not published; its assets may still change).
 *
 * @param repository {@code owner/name}, compared without regard to case as GitHub does; null
 *     accepts any repository
 * @param tagPattern a regular expression the whole tag must match; null accepts any tag
 * @param includePrereleases whether releases marked as pre-releases start builds
 */
public record ReleaseFilter(String repository, Pattern tagPattern, boolean includePrereleases) {
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");

    /** Checks the repository's form. */
    public ReleaseFilter {
        if (repository != null) {
            checkRepository("repository", repository);
        }
    }

    /** A filter that accepts every published release of every repository, pre-releases included. */
    public static final ReleaseFilter ANY = new ReleaseFilter(null, null, true);

    /**
     * Builds a filter from form or command-line values.
     *
     * @param repository {@code owner/name}, or null/blank for any
     * @param tagPattern a regular expression, or null/blank for any tag
     * @param includePrereleases whether pre-releases count
     * @return the filter
     * @throws IllegalArgumentException naming the field when a value is malformed
     */
    public static ReleaseFilter of(String repository, String tagPattern, boolean includePrereleases) {
        String repo = repository == null || repository.isBlank() ? null : repository.trim();
        return new ReleaseFilter(repo, compileTagPattern(tagPattern), includePrereleases);
    }

    /**
     * Compiles a tag pattern.
     *
     * @param tagPattern a regular expression, or null/blank
     * @return the pattern, or null for "any tag"
     * @throws IllegalArgumentException {@code tagPattern: ...} when it is not a valid expression
     */
    public static Pattern compileTagPattern(String tagPattern) {
        if (tagPattern == null || tagPattern.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(tagPattern.trim());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("tagPattern: '" + tagPattern + "' is not a valid regular expression ("
                    + e.getDescription() + " near index " + e.getIndex() + "); for example v\\d+\\.\\d+\\.\\d+");
        }
    }

    /**
     * Checks that a value looks like a GitHub repository name.
     *
     * @param field the field name for the message
     * @param repository the value
     * @return the value
     * @throws IllegalArgumentException when it is not {@code owner/name}
     */
    public static String checkRepository(String field, String repository) {
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            throw new IllegalArgumentException(field + ": '" + repository
                    + "' is not a GitHub repository; write it as OWNER/NAME, for example octocat/Hello-World");
        }
        return repository;
    }

    /**
     * Tells why a release does not start a build.
     *
     * @param release the release
     * @return the reason, or empty when the release passes
     */
    public Optional<String> rejection(Release release) {
        if (release.draft()) {
            return Optional.of("release " + release.tagName() + " is a draft");
        }
        if (repository != null && !repository.equalsIgnoreCase(release.repository())) {
            return Optional.of("release " + release.tagName() + " is of " + release.repository() + ", not " + repository);
        }
        if (release.prerelease() && !includePrereleases) {
            return Optional.of("release " + release.tagName() + " is a pre-release and pre-releases are not included");
        }
        if (tagPattern != null && !tagPattern.matcher(release.tagName()).matches()) {
            return Optional.of("tag " + release.tagName() + " does not match the tag pattern " + tagPattern.pattern());
        }
        return Optional.empty();
    }

    /**
     * @param release the release
     * @return whether it starts a build
     */
    public boolean accepts(Release release) {
        return rejection(release).isEmpty();
    }
}
