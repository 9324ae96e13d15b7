package io.jenkins.plugins.immutabledeploy.engine.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one verification checks: the endpoints, and how TLS is trusted. Immutable; build it with
 * {@link #builder()}.
 *
 * @param checks the endpoints, checked in parallel; at least one
 * @param caFile a PEM bundle of CA certificates trusted in addition to the system's, or null
 * @param insecure whether TLS certificates and host names go unchecked (logged as a warning every run)
 */
public record VerifyRequest(List<HealthCheck> checks, Path caFile, boolean insecure) {

    /** Copies the list and checks the settings. */
    public VerifyRequest {
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("url: at least one URL to check is required");
        }
        if (caFile != null && !Files.isRegularFile(caFile)) {
            throw new IllegalArgumentException("caFile: " + caFile + " is not a file; give a PEM file of CA certificates");
        }
        if (caFile != null && insecure) {
            throw new IllegalArgumentException("insecure: with insecure on nothing is verified, so caFile " + caFile
                    + " would be ignored; give one or the other");
        }
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the request's parts. */
    public static final class Builder {
        private final List<HealthCheck> checks = new ArrayList<>();
        private Path caFile;
        private boolean insecure;

        private Builder() {}

        /**
         * @param check an endpoint to check
         * @return this builder
         */
        public Builder check(HealthCheck check) {
            checks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        /**
         * @param all endpoints to check
         * @return this builder
         */
        public Builder checks(List<HealthCheck> all) {
            all.forEach(this::check);
            return this;
        }

        /**
         * @param file a PEM bundle of extra CA certificates, or null
         * @return this builder
         */
        public Builder caFile(Path file) {
            this.caFile = file;
            return this;
        }

        /**
         * @param on whether to skip TLS verification
         * @return this builder
         */
        public Builder insecure(boolean on) {
            this.insecure = on;
            return this;
        }

        /** @return the request */
        public VerifyRequest build() {
            return new VerifyRequest(checks, caFile, insecure);
        }
    }
}
