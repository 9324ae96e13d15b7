package hudson.security;

/** Stand-in: an object protected by permissions. Tests override {@link #hasPermission}. */
public interface AccessControlled {
    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("stand-in: no security realm");
    }
}
