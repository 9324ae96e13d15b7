package io.jenkins.plugins.immutabledeploy.engine.packer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MachineReadableLineTest {
    private static final String ALPHABET = ",,,,%!(PACKER_COMMA)%!(\\n\\r\\\\nr0123456789abui-_ Zé☃\t";

    @Test
    void aUiLineIsSplitIntoItsFieldsWithCommasAndLineBreaksRestored() {
        MachineReadableLine line = MachineReadableLine.parse(
                "1700000070,,ui,message,    app: installed%!(PACKER_COMMA) enabled\\nsecond line\\r");

        assertThat(line).isEqualTo(new MachineReadableLine(1700000070L, "", "ui",
                List.of("message", "    app: installed, enabled\nsecond line\r")));
        assertThat(MachineReadableLine.parse("1700000202,digitalocean.app,artifact-count"))
                .isEqualTo(new MachineReadableLine(1700000202L, "digitalocean.app", "artifact-count", List.of()));
        assertThat(MachineReadableLine.parse("1700000202,x,ui,a,,b,")).extracting(MachineReadableLine::data)
                .isEqualTo(List.of("a", "", "b", ""));
    }

    /** The hand-written parser and unescaper against the obvious ones, on lines that are mostly separators and escapes. */
    @Test
    void parsesAndUnescapesExactlyAsSplittingAndReplacingDo() {
        Random random = new Random(20261130L);
        for (int round = 0; round < 50_000; round++) {
            StringBuilder sb = new StringBuilder();
            if (random.nextInt(4) > 0) {
                sb.append(random.nextInt(4) == 0 ? "" : Long.toString(random.nextLong(1L << 40)))
                        .append(',').append(random.nextBoolean() ? "" : "b.x").append(',')
                        .append(random.nextInt(5) == 0 ? "Ui" : "ui");
            }
            for (int k = random.nextInt(40); k > 0; k--) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String raw = sb.toString();

            assertThat(MachineReadableLine.parse(raw)).as("line %s", raw).isEqualTo(obviousParse(raw));
            assertThat(MachineReadableLine.unescape(raw)).as("field %s", raw).isEqualTo(obviousUnescape(raw));
        }
    }

    private static String obviousUnescape(String field) {
        return field.replace("%!(PACKER_COMMA)", ",").replace("\\n", "\n").replace("\\r", "\r");
    }

    private static MachineReadableLine obviousParse(String raw) {
        String[] parts = raw.split(",", -1);
        if (parts.length < 3 || !parts[0].matches("[0-9]{1,18}") || !parts[2].matches("[a-z][a-z0-9_-]{0,63}")) {
            return null;
        }
        List<String> data = new ArrayList<>();
        for (int i = 3; i < parts.length; i++) {
            data.add(obviousUnescape(parts[i]));
        }
        return new MachineReadableLine(Long.parseLong(parts[0]), parts[1], parts[2], data);
    }
}
