package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.core.Authentication;

/**
 * Stand-in: finds credentials. Here there is one in-memory store, filled by tests through
 * package-private members, per-user stores (a user's own credentials, which only that user's
 * authentication sees, as upstream's user credentials provider), a list of the credentials
 * whose use was tracked, and a count of the lookups (each a scan of every store upstream).
 */
public abstract class CredentialsProvider {
    static final Map<String, Credentials> STORE = new ConcurrentHashMap<>();
    static final Map<String, Map<String, Credentials>> USER_STORES = new ConcurrentHashMap<>();
    static final List<Credentials> TRACKED = new CopyOnWriteArrayList<>();
    static final AtomicInteger LOOKUPS = new AtomicInteger();

    private CredentialsProvider() {}

    /** Like upstream: null when no credential has the id or when it is not of the type asked for. */
    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        LOOKUPS.incrementAndGet();
        Credentials c = STORE.get(id);
        return type.isInstance(c) ? type.cast(c) : null;
    }

    /** Every stored credential of the type, whatever the item, and the authentication's own ones. */
    public static <C extends Credentials> List<C> lookupCredentialsInItem(Class<C> type, Item item,
            Authentication authentication, List<DomainRequirement> domainRequirements) {
        LOOKUPS.incrementAndGet();
        List<C> found = new ArrayList<>();
        List<Credentials> visible = new ArrayList<>(STORE.values());
        if (authentication != null) {
            visible.addAll(USER_STORES.getOrDefault(authentication.getName(), Map.of()).values());
        }
        for (Credentials c : visible) {
            if (type.isInstance(c)) {
                found.add(type.cast(c));
            }
        }
        return found;
    }

    /**
     * As upstream's providers answer it: the global store's credential only to {@link ACL#SYSTEM2} (the default when
     * null), a user's own credential only to that user's authentication; null when none of those has the id with
     * the type.
     */
    public static <C extends IdCredentials> C findCredentialByIdInItem(String id, Class<C> type, Item item,
            Authentication authentication, List<DomainRequirement> domainRequirements) {
        LOOKUPS.incrementAndGet();
        Authentication as = authentication == null ? ACL.SYSTEM2 : authentication;
        Credentials c = ACL.SYSTEM2.equals(as) ? STORE.get(id) : null;
        if (c == null) {
            c = USER_STORES.getOrDefault(as.getName(), Map.of()).get(id);
        }
        return type.isInstance(c) ? type.cast(c) : null;
    }

    public static <C extends Credentials> C track(Run build, C credentials) {
        if (credentials != null) {
            TRACKED.add(credentials);
        }
        return credentials;
    }

    public static <C extends Credentials> C track(Item item, C credentials) {
        if (credentials != null) {
            TRACKED.add(credentials);
        }
        return credentials;
    }
}
