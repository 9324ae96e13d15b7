package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * What a release checks in its candidate phase (on the candidate's own address) and through the stable address after
 * the switch: today HTTP health checks, the same as {@code verifyDeploy}'s; other kinds of checks (metrics queries)
 * can join them here.
 *
 * @param http the HTTP checks' settings: a request whose first check's URL is {@link #ADDRESS}; each phase checks
 *     the addresses the configuration's outputs name, with these settings
 * @param path a path added to every address the outputs name (e.g. {@code /health}), or empty
 */
public record ReleaseChecks(VerifyRequest http, String path) {
    /**
     * The URL the checks' settings are given with: the real addresses are known only once the phase is deployed.
     * Reserved ({@code .invalid}), so it can never be reached.
     */
    public static final String ADDRESS = "http://release-address.invalid/";

    /** Requires the HTTP checks; a blank path is none. */
    public ReleaseChecks {
        Objects.requireNonNull(http, "http");
        path = path == null || path.isBlank() ? "" : path.trim();
    }

    /**
     * The HTTP checks of a phase.
     *
     * @param output the output the addresses came from, for messages
     * @param addresses the addresses the output names
     * @return the checks of those addresses, with {@link #path()} added and wrong answers counting from the first
     *     answer: a server that answers is up, so a wrong answer is the release's own
     */
    VerifyRequest at(String output, List<String> addresses) {
        List<String> urls = new ArrayList<>();
        for (String a : addresses) {
            urls.add(path.isEmpty() ? a : a.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", ""));
        }
        return http.at(output, urls, true);
    }

    /**
     * What a phase's checks said.
     *
     * @param http the HTTP checks' result
     */
    public record Outcome(VerifyResult http) {
        /** Requires the HTTP result. */
        public Outcome {
            Objects.requireNonNull(http, "http");
        }

        /** @return whether every check passed */
        public boolean passed() {
            return http.healthy();
        }

        /** @return whether a cancel stopped the checks before they decided */
        public boolean cancelled() {
            return http.cancelled();
        }

        /** @return {@code passed} and, per kind of check, its result: {@code http} ({@code verifyDeploy}'s keys) */
        public LinkedHashMap<String, Object> toMap() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("passed", passed());
            m.put("http", http.toMap());
            return m;
        }
    }
}
