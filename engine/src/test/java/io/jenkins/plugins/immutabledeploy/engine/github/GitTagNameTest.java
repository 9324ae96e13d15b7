package io.jenkins.plugins.immutabledeploy.engine.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GitTagNameTest {
    @Test
    void tagsGitAcceptsPassIncludingSlashesDotsAndNonAsciiLetters() {
        for (String tag : new String[] {"v1.2.3", "1.0", "release/2024.06", "v1.2.3-rc.1+build.5", "@", "v1@2",
            "version_ü", "a.b/c.d", "x,y", "v1.2.3#4"}) {
            assertThat(GitTagName.problem(tag)).as(tag).isEmpty();
        }
    }

    @Test
    void everyRuleOfCheckRefFormatAndGitTagIsRefusedWithItsOwnReason() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("", "it is empty"),
                Map.entry("-rf", "it begins with '-' (git tag refuses it; a command line would read it as an option)"),
                Map.entry("v1\nx=y", "it contains the control character U+000A"),
                Map.entry("v1\r", "it contains the control character U+000D"),
                Map.entry("v1\t", "it contains the control character U+0009"),
                Map.entry("v1\u0000", "it contains the control character U+0000"),
                Map.entry("v1\u007f", "it contains the control character U+007F"),
                Map.entry("v1 2", "it contains a space"),
                Map.entry("v1~2", "it contains '~'"),
                Map.entry("v1^2", "it contains '^'"),
                Map.entry("v1:2", "it contains ':'"),
                Map.entry("v1?", "it contains '?'"),
                Map.entry("v*", "it contains '*'"),
                Map.entry("v[1]", "it contains '['"),
                Map.entry("v1\\2", "it contains '\\'"),
                Map.entry("v1..2", "it contains '..'"),
                Map.entry("v@{1}", "it contains '@{'"),
                Map.entry("/v1", "it has an empty path component (a leading, trailing or doubled '/')"),
                Map.entry("v1/", "it has an empty path component (a leading, trailing or doubled '/')"),
                Map.entry("a//b", "it has an empty path component (a leading, trailing or doubled '/')"),
                Map.entry(".v1", "a path component begins with '.'"),
                Map.entry("rel/.hidden", "a path component begins with '.'"),
                Map.entry("v1.lock", "a path component ends with '.lock'"),
                Map.entry("v1.lock/x", "a path component ends with '.lock'"),
                Map.entry("v1.", "it ends with '.'"));
        refused.forEach((tag, reason) -> assertThat(GitTagName.problem(tag)).as(GitTagName.quote(tag)).contains(reason));
        assertThat(GitTagName.problem(null)).contains("it is empty");
    }

    @Test
    void aQuotedTagShowsControlCharactersAndLineSeparatorsAsEscapesAndIsCut() {
        assertThat(GitTagName.quote("v1\nx\u2028y\u0085z\u007f")).isEqualTo("'v1\\u000ax\\u2028y\\u0085z\\u007f'");
        assertThat(GitTagName.quote("v".repeat(100))).isEqualTo("'" + "v".repeat(80) + "…'");
        assertThat(GitTagName.quote("v1.2.3")).isEqualTo("'v1.2.3'");
    }
}
