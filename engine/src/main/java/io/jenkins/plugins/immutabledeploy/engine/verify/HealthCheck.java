package io.jenkins.plugins.immutabledeploy.engine.verify;

import com.fasterxml.jackson.core.JsonPointer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 */
public final class HealthCheck {
    /** The HTTP methods a health check may use. */
    public enum Method {
        /** Reads the answer's body, so it can be matched. */
        GET,
        /** Status only: no body. */
        HEAD
    }

    /** Default per-attempt timeout. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    /** Default interval between attempts. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** Default consecutive successes needed. */
    public static final int DEFAULT_SUCCESS_THRESHOLD = 3;
    /** Default consecutive failures, after a first pass, that fail an endpoint. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    /** Default overall timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

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

    private HealthCheck(Builder b) {
        url = b.url;
        method = b.method;
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        secretHeaders = Collections.unmodifiableSet(new LinkedHashSet<>(b.secretHeaders));
        status = b.status;
        bodyRegex = b.bodyRegex;
        jsonPointer = b.jsonPointer;
        jsonExpect = b.jsonExpect;
        jsonExpectRegex = b.jsonExpectRegex;
        attemptTimeout = b.attemptTimeout;
        interval = b.interval;
        initialDelay = b.initialDelay;
        successThreshold = b.successThreshold;
        failureThreshold = b.failureThreshold;
        timeout = b.timeout;
    }

    /**
     * Starts a check of one URL.
     *
     * @param url an {@code http} or {@code https} URL
     * @return the builder
     * @throws IllegalArgumentException when the URL is not an http(s) URL
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** @return a builder holding this check's settings, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder(url.toString());
        b.method = method;
        b.headers.putAll(headers);
        b.secretHeaders.addAll(secretHeaders);
        b.status = status;
        b.bodyRegex = bodyRegex;
        b.jsonPointer = jsonPointer;
        b.jsonExpect = jsonExpect;
        b.jsonExpectRegex = jsonExpectRegex;
        b.attemptTimeout = attemptTimeout;
        b.interval = interval;
        b.initialDelay = initialDelay;
        b.successThreshold = successThreshold;
        b.failureThreshold = failureThreshold;
        b.timeout = timeout;
        return b;
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

    /** @return e.g. {@code GET https://app.example.com/health} */
    @Override
    public String toString() {
        return method + " " + url;
    }

    /** Collects a check's settings; {@link #build()} checks them together. */
    public static final class Builder {
        private final HttpUrl url;
        private Method method = Method.GET;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Set<String> secretHeaders = new LinkedHashSet<>();
        private StatusRanges status = StatusRanges.DEFAULT;
        private Pattern bodyRegex;
        private JsonPointer jsonPointer;
        private String jsonExpect;
        private Pattern jsonExpectRegex;
        private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
        private Duration interval = DEFAULT_INTERVAL;
        private Duration initialDelay = Duration.ZERO;
        private int successThreshold = DEFAULT_SUCCESS_THRESHOLD;
        private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(String url) {
            HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
            if (parsed == null) {
                throw new IllegalArgumentException("url: '" + url
                        + "' is not an http or https URL; write it in full, e.g. https://app.example.com/health");
            }
            this.url = parsed;
        }

        /**
         * @param method GET (default) or HEAD
         * @return this builder
         */
        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * @param method {@code GET} or {@code HEAD}, any case
         * @return this builder
         * @throws IllegalArgumentException for any other method
         */
        public Builder method(String method) {
            String m = method == null ? "" : method.trim().toUpperCase(Locale.ROOT);
            try {
                return method(Method.valueOf(m));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("method: '" + method + "' is not supported; use GET or HEAD", e);
            }
        }

        /**
         * Adds a request header whose value may be printed.
         *
         * @param name the header name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            checkHeader(name, value);
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
            checkHeader(name, value);
            headers.put(name, value);
            secretHeaders.add(name);
            return this;
        }

        private static void checkHeader(String name, String value) {
            if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
                throw new IllegalArgumentException("header: '" + name
                        + "' is not a header name; use letters, digits and dashes, e.g. Authorization");
            }
            if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                // The value is not echoed: it may be a secret.
                throw new IllegalArgumentException("header " + name + ": the value is missing or holds a line break");
            }
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
         * @param regex a pattern the body must contain (found anywhere), or null for none
         * @return this builder
         */
        public Builder bodyRegex(String regex) {
            this.bodyRegex = regex == null ? null : compile("bodyRegex", regex);
            return this;
        }

        /**
         * @param pointer a JSON pointer into the body, e.g. {@code /status}, or null for none
         * @return this builder
         */
        public Builder jsonPointer(String pointer) {
            if (pointer == null) {
                this.jsonPointer = null;
                return this;
            }
            try {
                this.jsonPointer = JsonPointer.compile(pointer);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("jsonPointer: '" + pointer
                        + "' is not a JSON pointer; it starts with '/', e.g. /status or /checks/0/state", e);
            }
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
            this.jsonExpectRegex = regex == null ? null : compile("jsonExpectRegex", regex);
            return this;
        }

        private static Pattern compile(String field, String regex) {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(field + ": '" + regex + "' is not a regular expression: "
                        + e.getDescription() + " near index " + e.getIndex(), e);
            }
        }

        /**
         * @param d how long one attempt may take (default 5s); more than zero
         * @return this builder
         */
        public Builder attemptTimeout(Duration d) {
            this.attemptTimeout = positive("attemptTimeout", d);
            return this;
        }

        /**
         * @param d the time between the starts of two attempts (default 5s); more than zero
         * @return this builder
         */
        public Builder interval(Duration d) {
            this.interval = positive("interval", d);
            return this;
        }

        /**
         * @param d the wait before the first attempt (default none)
         * @return this builder
         */
        public Builder initialDelay(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("initialDelay: must be zero or more, e.g. 0s or 30s");
            }
            this.initialDelay = d;
            return this;
        }

        /**
         * @param n consecutive passing attempts needed (default 3); at least 1
         * @return this builder
         */
        public Builder successThreshold(int n) {
            this.successThreshold = atLeastOne("successThreshold", n);
            return this;
        }

        /**
         * @param n consecutive failures, after a first pass, that fail the endpoint (default 3); at least 1
         * @return this builder
         */
        public Builder failureThreshold(int n) {
            this.failureThreshold = atLeastOne("failureThreshold", n);
            return this;
        }

        /**
         * @param d how long the endpoint has to become healthy (default 5m); more than zero
         * @return this builder
         */
        public Builder timeout(Duration d) {
            this.timeout = positive("timeout", d);
            return this;
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
         * Checks the settings together and builds the check.
         *
         * @return the check
         * @throws IllegalArgumentException when settings contradict each other
         */
        public HealthCheck build() {
            if (method == Method.HEAD && (bodyRegex != null || jsonPointer != null)) {
                throw new IllegalArgumentException("method: a HEAD answer has no body, so bodyRegex and jsonPointer"
                        + " cannot be checked; use GET");
            }
            if (jsonPointer == null && (jsonExpect != null || jsonExpectRegex != null)) {
                throw new IllegalArgumentException("jsonExpect: needs jsonPointer to say which value to compare,"
                        + " e.g. jsonPointer /status with jsonExpect UP");
            }
            if (jsonExpect != null && jsonExpectRegex != null) {
                throw new IllegalArgumentException("jsonExpect: give either jsonExpect or jsonExpectRegex, not both");
            }
            return new HealthCheck(this);
        }
    }
}
