package io.jenkins.plugins.immutabledeploy.engine.verify;

import com.fasterxml.jackson.core.JsonPointer;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import okhttp3.HttpUrl;

/**
 * One endpoint to check and what counts as healthy. Immutable; build it with {@link #builder(String)}.
 *
 * <p>Semantics (after Argo Rollouts' analysis runs): an attempt is sent every {@link #interval()},
 * starting after {@link #initialDelay()}. An endpoint is healthy after {@link #successThreshold()}
 * passing attempts in a row. Failed attempts (refused, DNS, TLS, timeout, a wrong answer) only mean
 * "not yet" until the endpoint has passed once; after that, {@link #failureThreshold()} failures in
 * a row fail it at once. An endpoint that is not healthy within {@link #timeout()} fails.
 *
 * <p>With {@link #wrongAnswersCount()} (a release's checks of its new servers), an endpoint that answers is up: from
 * its first answer every failed attempt counts, so a server that answers wrongly (a 5xx, a wrong body) fails after
 * {@link #failureThreshold()} attempts in a row, in seconds, while one that does not answer yet (refused, no answer)
 * is still waited for until the timeout.
 *
 * <p>Serializable (as its settings, checked again when read), so checks can be made in another JVM.
 */
public final class HealthCheck implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The HTTP methods a health check may use. */
    public enum Method {
        /** Reads the answer's body, so it can be matched. */
        GET,
        /** Status only: no body. */
        HEAD
    }

    private final HttpUrl url;
    private final Method method;
    private final Map<String, String> headers;
    private final Set<String> secretHeaders;
    private final StatusRanges status;
    private final Pattern bodyRegex;
    private final JsonPointer jsonPointer;
    private final String jsonExpect;
    private final Pattern jsonExpectRegex;
    private final Duration attemptTimeout;
    private final Duration interval;
    private final Duration initialDelay;
    private final int successThreshold;
    private final int failureThreshold;
    private final Duration timeout;
    private final boolean wrongAnswersCount;

    /** Checks every setting, together and naming each as the caller does; the one place a check is validated. */
    private HealthCheck(Builder b) {
        Vocabulary n = b.names;
        HttpUrl parsed = b.url == null ? null : HttpUrl.parse(b.url.trim());
        if (parsed == null) {
            throw new IllegalArgumentException(n.name("urls") + ": '" + b.url
                    + "' is not an http or https URL; write it in full, e.g. https://app.example.com/health");
        }
        url = parsed;
        String m = b.method == null ? "" : b.method.trim().toUpperCase(Locale.ROOT);
        try {
            method = Method.valueOf(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(n.name("method") + ": '" + b.method + "' is not supported; use GET or HEAD", e);
        }
        b.headers.forEach((name, value) -> checkHeader(n, name, value));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        secretHeaders = Collections.unmodifiableSet(new LinkedHashSet<>(b.secretHeaders));
        status = b.status != null ? b.status : StatusRanges.parse(n.name("status"), b.statusText);
        bodyRegex = b.bodyRegex == null ? null : compile(n.name("bodyRegex"), b.bodyRegex);
        jsonPointer = b.jsonPointer == null ? null : pointer(n.name("jsonPointer"), b.jsonPointer);
        jsonExpect = b.jsonExpect;
        jsonExpectRegex = b.jsonExpectRegex == null ? null : compile(n.name("jsonExpectRegex"), b.jsonExpectRegex);
        attemptTimeout = positive(n.name("attemptTimeout"), b.duration("attemptTimeout", b.attemptTimeout));
        interval = positive(n.name("interval"), b.duration("interval", b.interval));
        Duration delay = b.duration("initialDelay", b.initialDelay);
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException(n.name("initialDelay") + ": must be zero or more, e.g. 0s or 30s");
        }
        initialDelay = delay;
        successThreshold = atLeastOne(n.name("successThreshold"), b.successThreshold);
        failureThreshold = atLeastOne(n.name("failureThreshold"), b.failureThreshold);
        timeout = positive(n.name("timeout"), b.duration("timeout", b.timeout));
        wrongAnswersCount = b.wrongAnswersCount;
        if (method == Method.HEAD && (bodyRegex != null || jsonPointer != null)) {
            throw new IllegalArgumentException(n.name("method") + ": a HEAD answer has no body, so " + n.name("bodyRegex")
                    + " and " + n.name("jsonPointer") + " cannot be checked; use GET");
        }
        if (jsonPointer == null && (jsonExpect != null || jsonExpectRegex != null)) {
            throw new IllegalArgumentException(n.name("jsonExpect") + ": needs " + n.name("jsonPointer") + " to say which"
                    + " value to compare, e.g. " + n.name("jsonPointer") + " /status with " + n.name("jsonExpect") + " UP");
        }
        if (jsonExpect != null && jsonExpectRegex != null) {
            throw new IllegalArgumentException(n.name("jsonExpect") + ": give either " + n.name("jsonExpect") + " or "
                    + n.name("jsonExpectRegex") + ", not both");
        }
    }

    /** The same settings at another URL, wrong answers counting or not. */
    private HealthCheck(HealthCheck o, HttpUrl url, boolean wrongAnswersCount) {
        this.url = url;
        method = o.method;
        headers = o.headers;
        secretHeaders = o.secretHeaders;
        status = o.status;
        bodyRegex = o.bodyRegex;
        jsonPointer = o.jsonPointer;
        jsonExpect = o.jsonExpect;
        jsonExpectRegex = o.jsonExpectRegex;
        attemptTimeout = o.attemptTimeout;
        interval = o.interval;
        initialDelay = o.initialDelay;
        successThreshold = o.successThreshold;
        failureThreshold = o.failureThreshold;
        timeout = o.timeout;
        this.wrongAnswersCount = wrongAnswersCount;
    }

    /**
     * This check of another endpoint: a release checks its candidate and its stable address, known only once they
     * are deployed, with the settings the user gave.
     *
     * @param field the caller's name for where the URL came from, for the message
     * @param url an {@code http} or {@code https} URL
     * @return the check
     * @throws IllegalArgumentException when the URL is not one
     */
    public HealthCheck at(String field, String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        if (parsed == null) {
            throw new IllegalArgumentException(field + ": '" + url
                    + "' is not an http or https URL; it must be the full address to check, e.g. http://203.0.113.7/");
        }
        return new HealthCheck(this, parsed, wrongAnswersCount);
    }

    /**
     * @param on whether failed attempts count from the endpoint's first answer
     * @return this check with that setting
     */
    HealthCheck counting(boolean on) {
        return new HealthCheck(this, url, on);
    }

    private static void checkHeader(Vocabulary n, String name, String value) {
        if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
            throw new IllegalArgumentException(n.name("headers") + ": '" + name
                    + "' is not a header name; use letters, digits and dashes, e.g. Authorization");
        }
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            // The value is not echoed: it may be a secret.
            throw new IllegalArgumentException(n.name("headers") + " " + name
                    + ": the value is missing or holds a line break");
        }
    }

    private static Pattern compile(String field, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(field + ": '" + regex + "' is not a regular expression: "
                    + e.getDescription() + " near index " + e.getIndex(), e);
        }
    }

    private static JsonPointer pointer(String field, String pointer) {
        try {
            return JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + pointer
                    + "' is not a JSON pointer; it starts with '/', e.g. /status or /checks/0/state", e);
        }
    }

    private static Duration positive(String field, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(field + ": must be more than zero, e.g. 5s");
        }
        return d;
    }

    private static int atLeastOne(String field, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(field + ": must be 1 or more (was " + n + ")");
        }
        return n;
    }

    /**
     * Starts a check of one URL.
     *
     * @param url an {@code http} or {@code https} URL; checked by {@link Builder#build()}
     * @return the builder
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** @return the URL */
    public HttpUrl url() {
        return url;
    }

    /** @return the method */
    public Method method() {
        return method;
    }

    /** @return the request headers, in the order given (secret values included: mask before printing) */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the names of headers whose values are secret */
    public Set<String> secretHeaders() {
        return secretHeaders;
    }

    /** @return the accepted status codes */
    public StatusRanges status() {
        return status;
    }

    /** @return a pattern the body must contain, or null */
    public Pattern bodyRegex() {
        return bodyRegex;
    }

    /** @return a JSON pointer into the body, or null */
    public JsonPointer jsonPointer() {
        return jsonPointer;
    }

    /** @return the value the pointed-at JSON node must have (compared as text), or null */
    public String jsonExpect() {
        return jsonExpect;
    }

    /** @return a pattern the pointed-at JSON node's text must match entirely, or null */
    public Pattern jsonExpectRegex() {
        return jsonExpectRegex;
    }

    /** @return how long one attempt may take */
    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    /** @return the time between the starts of two attempts */
    public Duration interval() {
        return interval;
    }

    /** @return the wait before the first attempt */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** @return the consecutive passing attempts that make the endpoint healthy */
    public int successThreshold() {
        return successThreshold;
    }

    /** @return the consecutive failing attempts, after a first pass, that fail the endpoint */
    public int failureThreshold() {
        return failureThreshold;
    }

    /** @return how long the endpoint has to become healthy, counted from the start of the run */
    public Duration timeout() {
        return timeout;
    }

    /**
     * @return whether a failed attempt counts toward {@link #failureThreshold()} from the endpoint's first answer
     *     (of any status), not only after its first pass
     */
    public boolean wrongAnswersCount() {
        return wrongAnswersCount;
    }

    /** The serial form: the settings as a builder takes them, so the copy is built and checked as the original was. */
    @Serial
    private Object writeReplace() {
        return new Form(url.toString(), method.name(), new LinkedHashMap<>(headers), new ArrayList<>(secretHeaders),
                status.toString(), bodyRegex == null ? null : bodyRegex.pattern(),
                jsonPointer == null ? null : jsonPointer.toString(), jsonExpect,
                jsonExpectRegex == null ? null : jsonExpectRegex.pattern(), attemptTimeout, interval, initialDelay,
                successThreshold, failureThreshold, timeout, wrongAnswersCount);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a HealthCheck travels as its settings");
    }

    private record Form(String url, String method, LinkedHashMap<String, String> headers, List<String> secretHeaders,
            String status, String bodyRegex, String jsonPointer, String jsonExpect, String jsonExpectRegex,
            Duration attemptTimeout, Duration interval, Duration initialDelay, int successThreshold,
            int failureThreshold, Duration timeout, boolean wrongAnswersCount) implements Serializable {
        @Serial
        private Object readResolve() {
            Builder b = builder(url).method(method).status(status).bodyRegex(bodyRegex).jsonPointer(jsonPointer)
                    .jsonExpect(jsonExpect).jsonExpectRegex(jsonExpectRegex).attemptTimeout(attemptTimeout)
                    .interval(interval).initialDelay(initialDelay).successThreshold(successThreshold)
                    .failureThreshold(failureThreshold).timeout(timeout).wrongAnswersCount(wrongAnswersCount);
            headers.forEach((name, value) -> {
                if (secretHeaders.contains(name)) {
                    b.secretHeader(name, value);
                } else {
                    b.header(name, value);
                }
            });
            return b.build();
        }

        /** Never the header values: some are secrets. */
        @Override
        public String toString() {
            return method + " " + url;
        }
    }

    /** @return e.g. {@code GET https://app.example.com/health} */
    @Override
    public String toString() {
        return method + " " + url;
    }

    /** Collects a check's settings; {@link #build()} checks them, all in one place. */
    public static final class Builder {
        private final String url;
        private String method = VerifyRequest.DEFAULT_METHOD;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Set<String> secretHeaders = new LinkedHashSet<>();
        private StatusRanges status;
        private String statusText = VerifyRequest.DEFAULT_STATUS;
        private String bodyRegex;
        private String jsonPointer;
        private String jsonExpect;
        private String jsonExpectRegex;
        private Duration attemptTimeout = Durations.parse("attemptTimeout", VerifyRequest.DEFAULT_ATTEMPT_TIMEOUT);
        private Duration interval = Durations.parse("interval", VerifyRequest.DEFAULT_INTERVAL);
        private Duration initialDelay = Durations.parse("initialDelay", VerifyRequest.DEFAULT_INITIAL_DELAY);
        private int successThreshold = VerifyRequest.DEFAULT_SUCCESS_THRESHOLD;
        private int failureThreshold = VerifyRequest.DEFAULT_FAILURE_THRESHOLD;
        private Duration timeout = Durations.parse("timeout", VerifyRequest.DEFAULT_TIMEOUT);
        private boolean wrongAnswersCount;
        private Vocabulary names = Vocabulary.FIELDS;
        /** Durations given as text, by setting: read with the caller's names when the check is built. */
        private final Map<String, String> texts = new LinkedHashMap<>();

        private Builder(String url) {
            this.url = url;
        }

        /**
         * @param method GET (default) or HEAD
         * @return this builder
         */
        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method").name();
            return this;
        }

        /**
         * @param method {@code GET} or {@code HEAD}, any case
         * @return this builder
         */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /**
         * Adds a request header whose value may be printed.
         *
         * @param name the header name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * Adds a request header whose value is secret (a token): the verifier registers the value
         * with the run's secret masker before the first attempt.
         *
         * @param name the header name
         * @param value its secret value
         * @return this builder
         */
        public Builder secretHeader(String name, String value) {
            headers.put(name, value);
            secretHeaders.add(name);
            return this;
        }

        /**
         * @param status the accepted status codes
         * @return this builder
         */
        public Builder status(StatusRanges status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * @param ranges the accepted status codes as written, e.g. {@code 200:299,301}
         * @return this builder
         */
        public Builder status(String ranges) {
            this.statusText = ranges;
            this.status = null;
            return this;
        }

        /**
         * @param regex a pattern the body must contain (found anywhere), or null for none
         * @return this builder
         */
        public Builder bodyRegex(String regex) {
            this.bodyRegex = regex;
            return this;
        }

        /**
         * @param pointer a JSON pointer into the body, e.g. {@code /status}, or null for none
         * @return this builder
         */
        public Builder jsonPointer(String pointer) {
            this.jsonPointer = pointer;
            return this;
        }

        /**
         * @param value the value the pointed-at node must have, compared as text ({@code UP},
         *     {@code true}, {@code 3}), or null
         * @return this builder
         */
        public Builder jsonExpect(String value) {
            this.jsonExpect = value;
            return this;
        }

        /**
         * @param regex a pattern the pointed-at node's text must match entirely, or null
         * @return this builder
         */
        public Builder jsonExpectRegex(String regex) {
            this.jsonExpectRegex = regex;
            return this;
        }

        /**
         * @param d how long one attempt may take (default {@value VerifyRequest#DEFAULT_ATTEMPT_TIMEOUT}); more than zero
         * @return this builder
         */
        public Builder attemptTimeout(Duration d) {
            this.attemptTimeout = d;
            texts.remove("attemptTimeout");
            return this;
        }

        /**
         * @param text how long one attempt may take, as written (e.g. {@code 5s}); blank for the default
         * @return this builder
         */
        public Builder attemptTimeout(String text) {
            texts.put("attemptTimeout", text);
            return this;
        }

        /**
         * @param d the time between the starts of two attempts (default {@value VerifyRequest#DEFAULT_INTERVAL}); more than zero
         * @return this builder
         */
        public Builder interval(Duration d) {
            this.interval = d;
            texts.remove("interval");
            return this;
        }

        /**
         * @param text the time between attempts, as written (e.g. {@code 5s}); blank for the default
         * @return this builder
         */
        public Builder interval(String text) {
            texts.put("interval", text);
            return this;
        }

        /**
         * @param d the wait before the first attempt (default none)
         * @return this builder
         */
        public Builder initialDelay(Duration d) {
            this.initialDelay = d;
            texts.remove("initialDelay");
            return this;
        }

        /**
         * @param text the wait before the first attempt, as written (e.g. {@code 30s}); blank for none
         * @return this builder
         */
        public Builder initialDelay(String text) {
            texts.put("initialDelay", text);
            return this;
        }

        /**
         * @param n consecutive passing attempts needed (default {@value VerifyRequest#DEFAULT_SUCCESS_THRESHOLD}); at least 1
         * @return this builder
         */
        public Builder successThreshold(int n) {
            this.successThreshold = n;
            return this;
        }

        /**
         * @param n consecutive failures, after a first pass, that fail the endpoint (default
         *     {@value VerifyRequest#DEFAULT_FAILURE_THRESHOLD}); at least 1
         * @return this builder
         */
        public Builder failureThreshold(int n) {
            this.failureThreshold = n;
            return this;
        }

        /**
         * @param d how long the endpoint has to become healthy (default {@value VerifyRequest#DEFAULT_TIMEOUT}); more than zero
         * @return this builder
         */
        public Builder timeout(Duration d) {
            this.timeout = d;
            texts.remove("timeout");
            return this;
        }

        /**
         * @param text how long the endpoint has to become healthy, as written (e.g. {@code 5m}); blank for the default
         * @return this builder
         */
        public Builder timeout(String text) {
            texts.put("timeout", text);
            return this;
        }

        /**
         * @param on whether failed attempts count toward the failure threshold from the endpoint's first answer
         *     (default: only after its first pass)
         * @return this builder
         */
        public Builder wrongAnswersCount(boolean on) {
            this.wrongAnswersCount = on;
            return this;
        }

        /**
         * @param names how the caller names the settings (default: as the settings are named)
         * @return this builder
         */
        public Builder names(Vocabulary names) {
            this.names = Objects.requireNonNull(names, "names");
            return this;
        }

        /** The setting's duration: the text given for it, read with the caller's name, else the one set. */
        private Duration duration(String field, Duration set) {
            String text = texts.get(field);
            Duration read = Durations.parseOrNull(names.name(field), text);
            return read != null ? read : text != null ? Durations.parse(field, defaultOf(field)) : set;
        }

        private static String defaultOf(String field) {
            return switch (field) {
                case "attemptTimeout" -> VerifyRequest.DEFAULT_ATTEMPT_TIMEOUT;
                case "interval" -> VerifyRequest.DEFAULT_INTERVAL;
                case "initialDelay" -> VerifyRequest.DEFAULT_INITIAL_DELAY;
                default -> VerifyRequest.DEFAULT_TIMEOUT;
            };
        }

        /**
         * Checks the settings and builds the check.
         *
         * @return the check
         * @throws IllegalArgumentException naming the setting that is wrong, or the ones that contradict each other
         */
        public HealthCheck build() {
            return new HealthCheck(this);
        }
    }
}
