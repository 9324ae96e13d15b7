package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.core.Authentication;

/**
 * Stand-in: finds credentials. Here there is one in-memory store, filled by tests through
 * package-private members, per-user stores (a user's own credentials, which only that user's
 * authentication sees, as upstream's user credentials provider), and a list of the credentials
 * whose use was tracked.
 */
public abstract class CredentialsProvider {
    static final Map<String, Credentials> STORE = new ConcurrentHashMap<>();
    static final Map<String, Map<String, Credentials>> USER_STORES = new ConcurrentHashMap<>();
    static final List<Credentials> TRACKED = new CopyOnWriteArrayList<>();

    private CredentialsProvider() {}

    /** Like upstream: null when no credential has the id or when it is not of the type asked for. */
    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        Credentials c = STORE.get(id);
        return type.isInstance(c) ? type.cast(c) : null;
    }

    /** Every stored credential of the type, whatever the item, and the authentication's own ones. */
    public static <C extends Credentials> List<C> lookupCredentialsInItem(Class<C> type, Item item,
            Authentication authentication, List<DomainRequirement> domainRequirements) {
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

    public static <C extends Credentials> C track(Run build, C credentials) {
        if (credentials != null) {
            TRACKED.add(credentials);
        }
        return credentials;
    }
}
