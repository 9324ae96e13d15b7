package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps docs/cli-reference.md honest: it is read against the command line itself, so a new
 * subcommand or option without documentation fails the build, and so does documentation of an
 * option that no longer exists.
 */
class CliReferenceTest {
    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,3} `(immutable-deploy[a-z -]*)`\\s*$");
    private static final Pattern DOCUMENTED_OPTION = Pattern.compile("(?m)^\\| `(--[a-z0-9-]+)");

    @Test
    void everyOptionOfEverySubcommandIsDocumentedInItsSection() throws IOException {
        Map<String, String> sections = sections();
        List<String> missing = new ArrayList<>();
        for (CommandSpec command : commands(Main.commandLine())) {
            String name = command.qualifiedName();
            String section = sections.get(name);
            if (section == null) {
                missing.add("no section '## `" + name + "`'");
                continue;
            }
            for (OptionSpec option : command.options()) {
                String longest = option.longestName();
                if (!isStandardHelp(longest) && !section.contains("`" + longest)) {
                    missing.add(name + ": " + longest);
                }
            }
        }
        assertThat(missing).as("missing from docs/cli-reference.md").isEmpty();
    }

    @Test
    void noSectionDocumentsAnOptionTheCommandDoesNotHave() throws IOException {
        Map<String, String> sections = sections();
        List<String> stale = new ArrayList<>();
        for (CommandSpec command : commands(Main.commandLine())) {
            String section = sections.get(command.qualifiedName());
            if (section == null) {
                continue;
            }
            Matcher m = DOCUMENTED_OPTION.matcher(section);
            while (m.find()) {
                if (command.findOption(m.group(1)) == null) {
                    stale.add(command.qualifiedName() + ": " + m.group(1));
                }
            }
        }
        assertThat(stale).as("documented in docs/cli-reference.md but not accepted by the CLI").isEmpty();
    }

    @Test
    void everyExitCodeTheCliUsesIsExplained() throws IOException {
        String doc = Files.readString(TestTools.repoRoot().resolve("docs/cli-reference.md"));
        for (String line : Main.commandLine().getCommandSpec().usageMessage().exitCodeList().keySet()) {
            String code = line.strip();
            assertThat(doc).as("exit code " + code).containsPattern("(?m)^\\| " + Pattern.quote(code) + " \\|");
        }
    }

    /** The reference, cut at its command headings: heading name -> text up to the next one. */
    private static Map<String, String> sections() throws IOException {
        String doc = Files.readString(TestTools.repoRoot().resolve("docs/cli-reference.md"));
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Matcher m = HEADING.matcher(doc);
        String name = null;
        int start = 0;
        while (m.find()) {
            if (name != null) {
                out.put(name, doc.substring(start, m.start()));
            }
            name = m.group(1).strip();
            start = m.end();
        }
        if (name != null) {
            out.put(name, doc.substring(start));
        }
        return out;
    }

    /** Every runnable subcommand, nested ones included (e.g. {@code release latest}); not help. */
    private static List<CommandSpec> commands(CommandLine root) {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand || out.contains(sub.getCommandSpec())) {
                continue;
            }
            if (sub.getSubcommands().isEmpty()) {
                out.add(sub.getCommandSpec());
            } else {
                out.addAll(commands(sub));
            }
        }
        return out;
    }

    private static boolean isStandardHelp(String option) {
        return option.equals("--help") || option.equals("--version");
    }
}
