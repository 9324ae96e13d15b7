package io.jenkins.plugins.immutabledeploy.engine.verify;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What one verification checks: the endpoints, and how TLS is trusted. Immutable and checked once, here; build it
 * with {@link #builder()}. Serializable, so the checks can be made in another JVM (on a Jenkins agent); the CA file
 * is a path on the machine that makes them and is read there, when the checks start.
 *
 * @param checks the endpoints, checked in parallel; at least one
 * @param caFile a PEM bundle of CA certificates trusted in addition to the system's, or null; read by the machine that
 *     makes the checks (the operations check it is there first, through the run's files)
 * @param insecure whether TLS certificates and host names go unchecked (logged as a warning every run)
 * @param names how the caller names the fields, for messages
 */
public record VerifyRequest(List<HealthCheck> checks, Path caFile, boolean insecure, Vocabulary names)
        implements Serializable {

    // The defaults of every check, as a user writes them: step fields and command-line options start from these.

    /** Default method. */
    public static final String DEFAULT_METHOD = "GET";
    /** Default accepted status codes: any 2xx answer. */
    public static final String DEFAULT_STATUS = "200:299";
    /** Default per-attempt timeout. */
    public static final String DEFAULT_ATTEMPT_TIMEOUT = "5s";
    /** Default interval between attempts. */
    public static final String DEFAULT_INTERVAL = "5s";
    /** Default wait before the first attempt. */
    public static final String DEFAULT_INITIAL_DELAY = "0s";
    /** Default consecutive successes needed. */
    public static final int DEFAULT_SUCCESS_THRESHOLD = 3;
    /** Default consecutive failures, after a first pass, that fail an endpoint. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    /** Default overall timeout. */
    public static final String DEFAULT_TIMEOUT = "5m";

    /** Copies the list and checks the settings. */
    public VerifyRequest {
        names = names == null ? Vocabulary.FIELDS : names;
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
        if (checks.isEmpty()) {
            throw new IllegalArgumentException(names.name("urls") + ": at least one URL to check is required");
        }
        if (caFile != null && insecure) {
            throw new IllegalArgumentException(names.name("insecure") + ": with " + names.on("insecure")
                    + " nothing is verified, so " + names.name("caFile") + " " + caFile + " would be ignored; give one"
                    + " or the other");
        }
    }

    /**
     * These checks at other endpoints: one check per URL, each with the settings of the first check here, and with
     * wrong answers counting from the first answer ({@link HealthCheck#wrongAnswersCount()}) when asked to. How a
     * release checks its candidate's and its stable address, known only once they are deployed.
     *
     * @param field the caller's name for where the URLs came from (an output's name), for messages
     * @param urls the endpoints; at least one
     * @param wrongAnswersCount whether failed attempts count from an endpoint's first answer
     * @return the request
     * @throws IllegalArgumentException when a URL is not an http or https URL, or there is none
     */
    public VerifyRequest at(String field, List<String> urls, boolean wrongAnswersCount) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(field + ": no address to check; it must hold the full URL to check");
        }
        HealthCheck template = checks.get(0);
        List<HealthCheck> at = new ArrayList<>();
        for (String url : urls) {
            at.add(template.at(field, url).counting(wrongAnswersCount));
        }
        return new VerifyRequest(at, caFile, insecure, names);
    }

    /** The serial form: a path travels as its text (a {@link Path} is tied to this JVM's file system). */
    @Serial
    private Object writeReplace() {
        return new Form(checks, caFile == null ? null : caFile.toString(), insecure, names);
    }

    private record Form(List<HealthCheck> checks, String caFile, boolean insecure, Vocabulary names)
            implements Serializable {
        @Serial
        private Object readResolve() {
            return new VerifyRequest(checks, caFile == null ? null : Path.of(caFile), insecure, names);
        }
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the request's parts. */
    public static final class Builder {
        private final List<Object> checks = new ArrayList<>();
        private Path caFile;
        private boolean insecure;
        private Vocabulary names = Vocabulary.FIELDS;

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
         * One check per URL, all with the same settings: what a step's or command's fields describe.
         *
         * @param urls the endpoints
         * @param settings sets what every check has in common
         * @return this builder
         */
        public Builder urls(List<String> urls, UnaryOperator<HealthCheck.Builder> settings) {
            urls.forEach(u -> checks.add(settings.apply(HealthCheck.builder(u))));
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

        /**
         * @param names how the caller names the fields of the request and of its checks
         * @return this builder
         */
        public Builder names(Vocabulary names) {
            this.names = Objects.requireNonNull(names, "names");
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException naming the field that is wrong
         */
        public VerifyRequest build() {
            List<HealthCheck> built = new ArrayList<>();
            for (Object c : checks) {
                built.add(c instanceof HealthCheck.Builder b ? b.names(names).build() : (HealthCheck) c);
            }
            return new VerifyRequest(built, caFile, insecure, names);
        }
    }
}
