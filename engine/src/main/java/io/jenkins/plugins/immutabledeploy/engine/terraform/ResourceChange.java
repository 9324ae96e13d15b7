package io.jenkins.plugins.immutabledeploy.engine.terraform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource's planned change, as classified from {@code show -json}'s {@code resource_changes}.
 *
 * @param address the resource address, e.g. {@code terraform_data.server} or {@code module.web.aws_instance.x[0]}
 * @param action what the plan does to it
 */
public record ResourceChange(String address, Action action) {
    /** Checks the fields. */
    public ResourceChange {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(action, "action");
    }

    /** @return {@code {address, action}} with the action's {@link Action#key()} */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", address);
        m.put("action", action.key());
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
