package hudson.util;

import java.util.ArrayList;

/** Stand-in: the options of a drop-down list. */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    /** Stand-in: one option. */
    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(String name, String value) {
            this(name, value, false);
        }

        public Option(String name, String value, boolean selected) {
            this.name = name;
            this.value = value;
            this.selected = selected;
        }
    }

    public ListBoxModel() {}

    public void add(String displayName, String value) {
        add(new Option(displayName, value));
    }
}
