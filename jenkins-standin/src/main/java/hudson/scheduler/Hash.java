package hudson.scheduler;

/** Stand-in: the seeded hash that spreads {@code H} in cron specs; here it only remembers its seed. */
public abstract class Hash {
    private Hash() {}

    public abstract int next(int n);

    public static Hash from(String seed) {
        int h = seed == null ? 0 : seed.hashCode();
        return new Hash() {
            @Override
            public int next(int n) {
                return Math.floorMod(h, n);
            }
        };
    }
}
