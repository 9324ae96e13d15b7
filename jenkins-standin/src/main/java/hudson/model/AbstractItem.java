package hudson.model;

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

    @Override
    public final String getFullName() {
        return name;
    }

    @Override
    public final String getUrl() {
        return "job/" + name + "/";
    }
}
