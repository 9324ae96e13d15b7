package io.jenkins.plugins.immutabledeploy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic inputs shared by the benchmarks, so every run measures the same work. */
final class BenchData {
    private static final String WORDS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private BenchData() {}

    /**
     * Secrets shaped like real ones: DigitalOcean and GitHub tokens, random passwords (16 to 40
     * characters).
     *
     * @param count how many
     * @return the secrets, the same for the same count
     */
    static List<String> secrets(int count) {
        SplittableRandom r = new SplittableRandom(42);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(switch (i % 5) {
                case 0 -> "dop_v1_" + random(r, 64);
                case 1 -> "ghp_" + random(r, 36);
                default -> random(r, 16 + r.nextInt(25));
            });
        }
        return out;
    }

    /**
     * A log line of exactly {@code bytes} ASCII characters that reads like Packer or Terraform output:
     * words, paths, ids, punctuation.
     *
     * @param seed varies the line
     * @param bytes its length
     * @return the line, without a newline
     */
    static String logLine(long seed, int bytes) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(bytes + 16);
        sb.append("==> digitalocean.web: ");
        while (sb.length() < bytes) {
            switch (r.nextInt(6)) {
                case 0 -> sb.append("\"id\": \"").append(random(r, 8)).append("\", ");
                case 1 -> sb.append("/var/lib/").append(random(r, 6)).append('/');
                case 2 -> sb.append(r.nextInt(100_000)).append(' ');
                default -> sb.append(random(r, 2 + r.nextInt(9))).append(' ');
            }
        }
        sb.setLength(bytes);
        return sb.toString();
    }

    private static String random(SplittableRandom r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = WORDS.charAt(r.nextInt(WORDS.length()));
        }
        return new String(c);
    }
}
