package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

/** Stand-in: a drop-down of credentials. */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {
    private static final long serialVersionUID = 1L;

    AbstractIdCredentialsListBoxModel() {}

    protected abstract String describe(C c);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        add("- none -", "");
        return this;
    }

    /** Lists the credentials of the type from the stand-in's in-memory store. */
    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, Item context,
            Class<? extends C> type, List<DomainRequirement> domainRequirements) {
        for (C c : CredentialsProvider.lookupCredentialsInItem(type, context, authentication, domainRequirements)) {
            add(describe(c), c.getId());
        }
        return this;
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        for (Option o : this) {
            if (o.value.equals(value)) {
                return this;
            }
        }
        add(value, value);
        return this;
    }
}
