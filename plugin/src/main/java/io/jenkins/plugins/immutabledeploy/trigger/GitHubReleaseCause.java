package io.jenkins.plugins.immutabledeploy.trigger;

import hudson.model.Cause;
import io.jenkins.plugins.immutabledeploy.engine.github.Release;
import java.util.Objects;

/** Why a build started: "Started by GitHub release v1.2.3 of owner/app". */
public class GitHubReleaseCause extends Cause {
    private final String repository;
    private final String tag;
    private final String url;

    /**
     * @param release the release that started the build
     */
    public GitHubReleaseCause(Release release) {
        this.repository = release.repository();
        this.tag = release.tagName();
        this.url = release.htmlUrl();
    }

    /** @return the repository, {@code owner/name} */
    public String getRepository() {
        return repository;
    }

    /** @return the release's tag */
    public String getTag() {
        return tag;
    }

    /** @return the release page, or null */
    public String getUrl() {
        return url;
    }

    @Override
    public String getShortDescription() {
        return Messages.format("GitHubReleaseCause.shortDescription", tag, repository);
    }

    // Jenkins folds queue items whose causes are equal: the same release is one cause.
    @Override
    public boolean equals(Object o) {
        return o instanceof GitHubReleaseCause c && repository.equalsIgnoreCase(c.repository) && tag.equals(c.tag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(repository.toLowerCase(java.util.Locale.ROOT), tag);
    }
}
