package com.cloudbees.plugins.credentials.common;

/** Stand-in: a drop-down of standard credentials. */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    public StandardListBoxModel() {}

    @Override
    protected String describe(StandardCredentials c) {
        String d = c.getDescription();
        return d == null || d.isEmpty() ? c.getId() : d;
    }
}
