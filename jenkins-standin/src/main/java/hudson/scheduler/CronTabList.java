package hudson.scheduler;

import java.util.Calendar;

/**
 * Stand-in: a parsed cron spec. There is no cron parser here, so it only keeps the text; upstream
 * throws {@link IllegalArgumentException} for a spec it cannot parse.
 */
public final class CronTabList {
    private final String format;

    private CronTabList(String format) {
        this.format = format;
    }

    public synchronized boolean check(Calendar cal) {
        throw new UnsupportedOperationException("stand-in: no cron parser for '" + format + "'");
    }

    public String checkSanity() {
        return null;
    }

    public static CronTabList create(String format) {
        return new CronTabList(format);
    }

    public static CronTabList create(String format, Hash hash) {
        return new CronTabList(format);
    }
}
