package io.jenkins.plugins.immutabledeploy.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    @Test
    void everyOccurrenceOfASecretIsReplaced() {
        SecretMasker m = new SecretMasker().add("hunter2");

        assertThat(m.mask("a hunter2 b hunter2hunter2 c")).isEqualTo("a **** b ******** c");
    }

    @Test
    void textWithoutASecretIsReturnedAsTheSameInstance() {
        SecretMasker m = new SecretMasker().add("hunter2");
        String text = "nothing to see, hunter 2, hunter";

        assertThat(m.mask(text)).isSameAs(text);
        assertThat(m.containsSecret(text)).isFalse();
    }

    @Test
    void anExcerptIsMaskedBeforeItIsCutSoNoStartOfASecretRemains() {
        String secret = "dop_v1_5ecret0123456789abcdef";
        SecretMasker m = new SecretMasker().add(secret);
        String body = "x".repeat(190) + secret + " and more";

        String excerpt = m.maskThenCut(body, 200);

        assertThat(excerpt).isEqualTo("x".repeat(190) + "**** and m...");
        // Cut first and masked afterwards, the same body kept ten characters of the token.
        String cutThenMasked = m.mask(body.substring(0, 200));
        assertThat(cutThenMasked).endsWith("dop_v1_5ec");
    }

    @Test
    void aCutThatEndsInWhatStartsASecretDropsThatPiece() {
        SecretMasker m = new SecretMasker().add("dop_v1_5ecret0123456789abcdef");
        // A truncated answer can end in the start of the secret without holding all of it.
        String excerpt = m.maskThenCut("y".repeat(20) + "dop_v1_5ecre" + "z".repeat(20), 32);

        assertThat(excerpt).isEqualTo("y".repeat(20) + "...");
    }

    @Test
    void shortTextsAreOnlyMaskedAndNullStaysNull() {
        SecretMasker m = new SecretMasker().add("hunter2");

        assertThat(m.maskThenCut("pw hunter2", 200)).isEqualTo("pw ****");
        assertThat(m.maskThenCut(null, 10)).isNull();
        assertThat(new SecretMasker().maskThenCut("abcdef", 3)).isEqualTo("abc...");
    }

    @Test
    void nullEmptyAndBlankSecretsAreIgnoredBecauseMaskingThemWouldDestroyTheLog() {
        SecretMasker m = new SecretMasker().add(null).add("").add("  \t");

        assertThat(m.isEmpty()).isTrue();
        assertThat(m.mask("a b c")).isEqualTo("a b c");
        assertThat(m.mask(null)).isNull();
    }

    @Test
    void theJsonEscapedFormIsMasked() {
        String secret = "a\"b\\c\td/é";
        SecretMasker m = new SecretMasker().add(secret);

        String json = Json.write(Map.of("password", secret));
        assertThat(json).doesNotContain(secret);
        assertThat(m.mask(json)).isEqualTo("{\"password\":\"****\"}");
    }

    @Test
    void theHtmlSafeJsonFormGoWritesIsMasked() {
        SecretMasker m = new SecretMasker().add("a<b>&c");

        // What terraform output -json prints for that value.
        assertThat(m.mask("{\"value\":\"a\\u003cb\\u003e\\u0026c\"}")).isEqualTo("{\"value\":\"****\"}");
    }

    @Test
    void urlEncodedFormsWithPercentTwentyPlusAndLowerCaseHexAreMasked() {
        SecretMasker m = new SecretMasker().add("my pass/word+1");

        assertThat(m.mask("u=my+pass%2Fword%2B1")).isEqualTo("u=****");
        assertThat(m.mask("u=my%20pass%2Fword%2B1")).isEqualTo("u=****");
        assertThat(m.mask("u=my%20pass%2fword%2b1")).isEqualTo("u=****");
    }

    @Test
    void eachLineOfAMultiLineSecretIsMaskedBecauseLogsAreMaskedLineByLine() {
        SecretMasker m = new SecretMasker().add("first-line-xyz\r\nsecond-line-xyz\n");

        assertThat(m.mask("first-line-xyz\r\nsecond-line-xyz\n")).isEqualTo("****");
        assertThat(m.mask("k: first-line-xyz")).isEqualTo("k: ****");
        assertThat(m.mask("second-line-xyz")).isEqualTo("****");
        assertThat(m.mask("\"first-line-xyz\\r\\nsecond-line-xyz\\n\"")).isEqualTo("\"****\"");
    }

    @Test
    void theLongestSecretWinsWhenTwoStartAtTheSamePlace() {
        SecretMasker m = new SecretMasker().add("pass").add("password123");

        assertThat(m.mask("password123 and pass")).isEqualTo("**** and ****");
    }

    @Test
    void overlappingSecretsAreMaskedAsOneStretchSoNoPartOfEitherShows() {
        SecretMasker m = new SecretMasker().add("abcdef").add("defghi");

        assertThat(m.mask("x abcdefghi y")).isEqualTo("x **** y");
        assertThat(m.mask("x defghi abcdef y")).isEqualTo("x **** **** y");
    }

    @Test
    void aOneCharacterSecretIsMaskedToo() {
        SecretMasker m = new SecretMasker().add("Z");

        assertThat(m.mask("aZb")).isEqualTo("a****b");
        assertThat(m.mask("Z")).isEqualTo("****");
    }

    @Test
    void secretsWithCharactersBeyondLatin1AreMatchedExactly() {
        SecretMasker m = new SecretMasker().add("пароль-秘密");

        assertThat(m.mask("x пароль-秘密 y")).isEqualTo("x **** y");
        // Same low bytes, different characters: must not match.
        assertThat(m.mask("x " + (char) ('п' + 0x100) + "ароль-秘密 y")).doesNotContain("****");
    }

    @Test
    void secretsAddedWhileOtherThreadsMaskAreSeenByLaterCalls() throws Exception {
        SecretMasker m = new SecretMasker();
        List<String> leaked = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                m.mask("value late-secret-" + (i % 10));
            }
        });
        reader.start();
        for (int i = 0; i < 10; i++) {
            m.add("late-secret-" + i);
        }
        reader.join();
        for (int i = 0; i < 10; i++) {
            String masked = m.mask("value late-secret-" + i);
            if (!masked.equals("value ****")) {
                leaked.add(masked);
            }
        }
        assertThat(leaked).isEmpty();
    }

    @Test
    void maskDeepMasksKeysStringsInsideNestedMapsAndListsAndKeepsOtherValues() {
        SecretMasker m = new SecretMasker(List.of("tok-123"));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("url", "https://x?t=tok-123");
        nested.put("count", 3);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("outputs", nested);
        in.put("list", new ArrayList<>(Arrays.asList("tok-123", true, null, 2.5, List.of("a tok-123"))));
        in.put("tok-123", "key is secret");

        Object out = m.maskDeep(in);

        assertThat(Json.write(out)).isEqualTo("{\"outputs\":{\"url\":\"https://x?t=****\",\"count\":3},"
                + "\"list\":[\"****\",true,null,2.5,[\"a ****\"]],\"****\":\"key is secret\"}");
        assertThat(Json.write(in)).as("the input is not changed").contains("tok-123");
    }

    @Test
    void theBuildLogMasksEveryLevel() {
        List<String> lines = new ArrayList<>();
        BuildLog log = new BuildLog(lines::add, new SecretMasker().add("s3cr3t"));

        log.info("i s3cr3t");
        log.warn("w s3cr3t");
        log.error("e s3cr3t");

        assertThat(lines).containsExactly("i ****", "WARNING: w ****", "ERROR: e ****");
    }
    @Test
    void shortLinesOfAMultiLineSecretLikeJsonBracesAreNotMaskedEverywhere() {
        SecretMasker m = new SecretMasker().add("{\n  \"private_key\": \"k3y-material-123\"\n}\n");

        assertThat(m.mask("{")).isEqualTo("{");
        assertThat(m.mask("}")).isEqualTo("}");
        assertThat(m.mask("    \"private_key\": \"k3y-material-123\"")).isEqualTo("    ****");
    }

    /**
     * Compares the masker with the obvious algorithm on random texts over a tiny alphabet, where
     * secrets overlap, nest and touch all the time: both the every-position scan (a secret shorter
     * than four characters) and the skipping scan (all secrets at least four long) must agree.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 4})
    void masksExactlyWhatTheObviousAlgorithmMasks(int shortest) {
        java.util.Random r = new java.util.Random(shortest);
        for (int round = 0; round < 3000; round++) {
            List<String> secrets = new ArrayList<>();
            for (int k = 1 + r.nextInt(6); k > 0; k--) {
                secrets.add(randomText(r, shortest + r.nextInt(6)));
            }
            String text = randomText(r, r.nextInt(120));
            assertThat(new SecretMasker(secrets).mask(text)).as("secrets %s in %s", secrets, text)
                    .isEqualTo(obviousMask(secrets, text));
        }
    }

    private static String randomText(java.util.Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("abc".charAt(r.nextInt(3)));
        }
        return sb.toString();
    }

    /** Marks every character inside any occurrence, then replaces each run that overlaps as one. */
    private static String obviousMask(List<String> secrets, String text) {
        int[] reach = new int[text.length() + 1];
        java.util.Arrays.fill(reach, -1);
        for (String s : secrets) {
            for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
                reach[i] = Math.max(reach[i], i + s.length());
            }
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (reach[i] < 0) {
                sb.append(text.charAt(i++));
                continue;
            }
            int end = reach[i];
            for (int j = i + 1; j < end; j++) {
                end = Math.max(end, reach[j]);
            }
            sb.append(SecretMasker.MASK);
            i = end;
        }
        return sb.toString();
    }
}
