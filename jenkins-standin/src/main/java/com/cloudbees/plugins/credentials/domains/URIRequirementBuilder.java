package com.cloudbees.plugins.credentials.domains;

import java.util.ArrayList;
import java.util.List;

/** Stand-in: builds the domain requirements of a URI; none are kept here. */
public class URIRequirementBuilder {
    private URIRequirementBuilder() {}

    public static URIRequirementBuilder create() {
        return new URIRequirementBuilder();
    }

    public List<DomainRequirement> build() {
        return new ArrayList<>();
    }
}
