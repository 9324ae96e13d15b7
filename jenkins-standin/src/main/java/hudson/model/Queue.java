package hudson.model;

/** Stand-in: the build queue; only its item type is named here. */
public class Queue {
    private Queue() {}

    /** Stand-in: an entry in the queue. */
    public abstract static class Item extends Actionable {
        private Item() {}
    }
}
