package hudson.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stand-in: a permission, known here only by its id. */
public final class Permission {
    private static final Map<String, Permission> ALL = new ConcurrentHashMap<>();

    private final String id;

    private Permission(String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    public static Permission fromId(String id) {
        return ALL.computeIfAbsent(id, Permission::new);
    }

    @Override
    public String toString() {
        return "Permission[" + id + "]";
    }
}
