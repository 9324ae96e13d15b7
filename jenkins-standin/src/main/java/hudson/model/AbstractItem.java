package hudson.model;

import java.io.File;

/** Stand-in: the base of every item in the tree; here it knows only its name. */
public abstract class AbstractItem extends Actionable implements Item {
    private final String name;

    @SuppressWarnings("rawtypes")
    protected AbstractItem(ItemGroup parent, String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** Upstream: the item's folder under the Jenkins home. The stand-in has no home; tests give one. */
    public File getRootDir() {
        throw new UnsupportedOperationException("stand-in: " + name + " has no folder");
    }

    @Override
    public final String getFullName() {
        return name;
    }

    @Override
    public final String getUrl() {
        return "job/" + name + "/";
    }
}
