package io.jenkins.plugins.immutabledeploy.engine.packer;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the engine needs to know about a template before and after Packer runs it: whether it
 * declares {@code required_plugins} (then {@code packer init} must run first) and where its
 * {@code manifest} post-processors write. This is a light reading of the files, not a full HCL
 * parser: a manifest path computed from variables is not found, and the request can name it.
 */
final class PackerTemplate {
    /** What Packer's manifest post-processor writes when the template gives no {@code output}. */
    static final String DEFAULT_MANIFEST = "packer-manifest.json";

    private static final Pattern REQUIRED_PLUGINS = Pattern.compile("(?m)^[^#\\n]*\\brequired_plugins\\s*\\{");
    private static final Pattern MANIFEST_BLOCK = Pattern.compile("post-processor\\s+\"manifest\"\\s*\\{");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^\\s*output\\s*=\\s*\"([^\"]*)\"");

    private final HostFiles files;
    private final String path;

    /**
     * @param files the file system Packer runs on
     * @param path the template file or folder, an absolute path there
     */
    PackerTemplate(HostFiles files, String path) {
        this.files = files;
        this.path = path;
    }

    /** @return whether this is a legacy JSON template (HCL2 files end in .pkr.hcl or .pkr.json) */
    boolean isLegacyJson() {
        String n = path.substring(path.lastIndexOf('/') + 1);
        return n.endsWith(".json") && !n.endsWith(".pkr.json") && isFile(path);
    }

    /** @return whether an HCL2 file of the template declares {@code required_plugins} */
    boolean needsInit() {
        if (isLegacyJson()) {
            return false;
        }
        for (String f : hclFiles()) {
            if (REQUIRED_PLUGINS.matcher(read(f)).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The files the template's {@code manifest} post-processors write, as written in the template
     * (relative paths are relative to Packer's working directory). Outputs computed from variables
     * are left out.
     *
     * @return the paths, possibly empty
     */
    List<String> manifestOutputs() {
        List<String> out = new ArrayList<>();
        if (isLegacyJson()) {
            try {
                JsonNode root = Json.MAPPER.readTree(read(path));
                collectJson(root == null ? null : root.get("post-processors"), out);
            } catch (IOException | RuntimeException e) {
                // Packer itself reports a broken template; nothing to read here
            }
            return out;
        }
        for (String f : hclFiles()) {
            String text = read(f);
            Matcher m = MANIFEST_BLOCK.matcher(text);
            while (m.find()) {
                String block = block(text, m.end());
                Matcher o = OUTPUT.matcher(block);
                if (!o.find()) {
                    out.add(DEFAULT_MANIFEST);
                } else if (!o.group(1).contains("${") && !o.group(1).contains("{{")) {
                    out.add(o.group(1));
                }
            }
        }
        return out;
    }

    private static void collectJson(JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collectJson(n, out));
        } else if (node.isObject() && "manifest".equals(node.path("type").asText())) {
            String o = node.path("output").asText(DEFAULT_MANIFEST);
            if (!o.contains("{{")) {
                out.add(o.isEmpty() ? DEFAULT_MANIFEST : o);
            }
        }
    }

    /** The text of a block from just after its opening brace to its closing brace. */
    private static String block(String text, int start) {
        int depth = 1;
        boolean quoted = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && text.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}' && --depth == 0) {
                return text.substring(start, i);
            }
        }
        return text.substring(start);
    }

    private List<String> hclFiles() {
        if (isFile(path)) {
            return List.of(path);
        }
        try {
            return files.list(path).stream().filter(n -> n.endsWith(".pkr.hcl")).map(n -> HostFiles.resolve(path, n))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private boolean isFile(String p) {
        try {
            return files.isFile(p);
        } catch (IOException e) {
            return false;
        }
    }

    private String read(String f) {
        try {
            return files.readString(f);
        } catch (IOException | RuntimeException e) {
            // Packer reports a template it cannot read; this light reading just finds nothing in it
            return "";
        }
    }
}
