package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which snapshots a prune looks at, what it must leave alone, and which API it asks. Immutable and checked once,
 * here, naming each field as the caller does. Build with {@link #builder()}. Serializable, so the prune can run in
 * another JVM.
 */
public final class PruneRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String prefix;
    private final Pattern regex;
    private final int keep;
    private final Set<String> protectedIds;
    private final boolean dryRun;
    private final String apiUrl;
    private final Vocabulary names;

    private PruneRequest(Builder b) {
        Vocabulary n = b.names;
        boolean hasPrefix = b.prefix != null && !b.prefix.isEmpty();
        boolean hasRegex = b.regex != null && !b.regex.isEmpty();
        if (hasPrefix == hasRegex) {
            throw new IllegalArgumentException(n.name("prefix") + "/" + n.name("regex") + ": give exactly one of them"
                    + " to say which snapshots may be pruned (e.g. " + n.name("prefix") + " 'web-' or " + n.name("regex")
                    + " 'web-[0-9]+'); " + (hasPrefix ? "both were" : "neither was") + " given");
        }
        if (b.keep < 1) {
            throw new IllegalArgumentException(n.name("keep") + ": must be at least 1 so the newest image always stays,"
                    + " was " + b.keep);
        }
        Pattern p = null;
        if (hasRegex) {
            try {
                p = Pattern.compile(b.regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(n.name("regex") + ": '" + b.regex + "' is not a valid regular"
                        + " expression: " + e.getDescription(), e);
            }
        }
        String api = b.apiUrl == null || b.apiUrl.isBlank() ? DigitalOceanClient.DEFAULT_BASE_URL : b.apiUrl.trim();
        if (okhttp3.HttpUrl.parse(api) == null) {
            throw new IllegalArgumentException(n.name("apiUrl") + ": '" + api + "' is not an http:// or https:// URL;"
                    + " leave it out for the public API");
        }
        this.prefix = hasPrefix ? b.prefix : null;
        this.regex = p;
        this.keep = b.keep;
        this.protectedIds = Set.copyOf(b.protectedIds);
        this.dryRun = b.dryRun;
        this.apiUrl = api;
        this.names = n;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells whether a snapshot name is one this prune may consider. A regex must match the whole
     * name, so a short pattern never reaches further than it says.
     *
     * @param name a snapshot name
     * @return whether it starts with the prefix or matches the whole regex
     */
    public boolean matches(String name) {
        return prefix != null ? name.startsWith(prefix) : regex.matcher(name).matches();
    }

    /** @return how many of the newest matching snapshots to keep */
    public int keep() {
        return keep;
    }

    /** @return image ids never to delete */
    public Set<String> protectedIds() {
        return protectedIds;
    }

    /** @return whether to only report what would be deleted */
    public boolean dryRun() {
        return dryRun;
    }

    /** @return the DigitalOcean API base URL */
    public String apiUrl() {
        return apiUrl;
    }

    /** @return how the caller names the fields, for messages */
    public Vocabulary names() {
        return names;
    }

    /**
     * @param more deployment records whose images must stay too, e.g. the live ones of other jobs
     * @return this request, protecting them as well
     */
    public PruneRequest protectingAlso(java.util.Collection<DeploymentRecord> more) {
        Builder b = builder().prefix(prefix).keep(keep).dryRun(dryRun).apiUrl(apiUrl).names(names).protect(protectedIds)
                .protectRecords(more);
        b.regex = regex == null ? null : regex.pattern();
        return b.build();
    }

    /** @return a description of the name filter, for the log */
    public String filterDescription() {
        return prefix != null ? "names starting with '" + prefix + "'" : "names matching /" + regex.pattern() + "/";
    }

    /** Builds a {@link PruneRequest}. */
    public static final class Builder {
        private String prefix;
        private String regex;
        private int keep;
        private final Set<String> protectedIds = new LinkedHashSet<>();
        private boolean dryRun;
        private String apiUrl;
        private Vocabulary names = Vocabulary.FIELDS;

        private Builder() {}

        /**
         * @param apiUrl the DigitalOcean API base URL (a proxy); null or blank for the public API
         * @return this builder
         */
        public Builder apiUrl(String apiUrl) {
            this.apiUrl = apiUrl;
            return this;
        }

        /**
         * @param names how the caller names the fields (default: as the fields are named)
         * @return this builder
         */
        public Builder names(Vocabulary names) {
            this.names = java.util.Objects.requireNonNull(names, "names");
            return this;
        }

        /**
         * @param prefix prune only snapshots whose name starts with this
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * @param regex prune only snapshots whose whole name matches this
         * @return this builder
         */
        public Builder regex(String regex) {
            this.regex = regex;
            return this;
        }

        /**
         * @param keep how many of the newest matching snapshots to keep (at least 1)
         * @return this builder
         */
        public Builder keep(int keep) {
            this.keep = keep;
            return this;
        }

        /**
         * Protects images. Each value may be a bare id or an artifact id such as
         * {@code nyc3,sfo3:6372321}; both protect id {@code 6372321}.
         *
         * @param ids image ids never to delete
         * @return this builder
         */
        public Builder protect(Collection<String> ids) {
            for (String id : ids) {
                if (id != null && !id.isBlank()) {
                    protectedIds.add(ProtectedImages.idPart(id));
                }
            }
            return this;
        }

        /**
         * Protects the images the given deployments run on (see {@link ProtectedImages#usedBy}).
         *
         * @param latestSuccessful the newest successful record of each configuration and workspace
         * @return this builder
         */
        public Builder protectRecords(Collection<DeploymentRecord> latestSuccessful) {
            return protect(ProtectedImages.usedBy(latestSuccessful));
        }

        /**
         * @param dryRun only report what would be deleted
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** @return the request */
        public PruneRequest build() {
            return new PruneRequest(this);
        }
    }
}
