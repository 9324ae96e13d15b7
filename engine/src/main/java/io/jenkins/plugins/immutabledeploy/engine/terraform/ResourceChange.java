package io.jenkins.plugins.immutabledeploy.engine.terraform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One resource's planned change, as classified from {@code show -json}'s {@code resource_changes}.
 *
 * @param address the resource address, e.g. {@code terraform_data.server} or {@code module.web.aws_instance.x[0]}
 * @param action what the plan does to it
 * @param deposed the key of the deposed object the change is about (an old object an interrupted
 *     create-before-destroy replacement left behind), or null for the address's current object
 */
public record ResourceChange(String address, Action action, String deposed) {
    private static final Pattern KEY = Pattern.compile("\\[\"((?:[^\"\\\\]|\\\\.)*)\"\\]");

    /** Checks the fields. */
    public ResourceChange {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(action, "action");
        deposed = deposed == null || deposed.isEmpty() ? null : deposed;
    }

    /**
     * A change to an address's current object.
     *
     * @param address the resource address
     * @param action what the plan does to it
     */
    public ResourceChange(String address, Action action) {
        this(address, action, null);
    }

    /**
     * The string keys of the address, outermost first: {@code module.web["blue"].aws_instance.app["img-1"]} has
     * {@code blue} and {@code img-1}. A server keyed by its image ({@code for_each} over the images) has the image
     * among them.
     *
     * @return the keys, unescaped; empty for an address without string keys
     */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(address);
        while (m.find()) {
            keys.add(m.group(1).replaceAll("\\\\(.)", "$1"));
        }
        return keys;
    }

    /** @return {@code {address, action}} with the action's {@link Action#key()}, and {@code deposed} when set */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", address);
        m.put("action", action.key());
        if (deposed != null) {
            m.put("deposed", deposed);
        }
        return m;
    }

    /** What a plan does to one resource. */
    public enum Action {
        /** A new resource. */
        CREATE("create"),
        /** Changed in place. */
        UPDATE("update"),
        /** Removed, and not as part of a replacement. */
        DELETE("delete"),
        /**
         * A deposed object removed while its address stays: the old object of a create-before-destroy replacement
         * that an interrupted or failed apply left behind. Deleting it finishes that replacement.
         */
        DELETE_DEPOSED("delete-deposed"),
        /** Replaced, the new one created before the old one is destroyed ({@code ["create","delete"]}). */
        REPLACE("replace"),
        /** Replaced, the old one destroyed first ({@code ["delete","create"]}): downtime. */
        REPLACE_DESTROY_FIRST("replace-destroy-first"),
        /** A data source read during apply. */
        READ("read"),
        /** Removed from the state but left running (OpenTofu's {@code removed} block). */
        FORGET("forget"),
        /** Nothing to do. */
        NO_OP("no-op");

        private final String key;

        Action(String key) {
            this.key = key;
        }

        /** @return the name used in results and logs */
        public String key() {
            return key;
        }

        /**
         * Classifies the {@code change.actions} list of a resource change.
         *
         * @param actions the list as Terraform/OpenTofu writes it
         * @return the action
         * @throws IllegalArgumentException for a list this version does not know
         */
        public static Action of(List<String> actions) {
            if (actions.equals(List.of("create", "delete"))) {
                return REPLACE;
            }
            if (actions.equals(List.of("delete", "create"))) {
                return REPLACE_DESTROY_FIRST;
            }
            if (actions.size() == 1) {
                switch (actions.get(0)) {
                    case "create": return CREATE;
                    case "update": return UPDATE;
                    case "delete": return DELETE;
                    case "read": return READ;
                    case "forget": return FORGET;
                    case "no-op": return NO_OP;
                    default: break;
                }
            }
            throw new IllegalArgumentException("unknown resource change actions " + actions
                    + "; expected create, update, delete, read, forget, no-op or a replacement");
        }
    }
}
