package hudson.util;

import java.io.IOException;

/** Stand-in: the result of a form field check. */
public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    /** Stand-in: how bad a check result is. */
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    private static FormValidation of(Kind kind, String message) {
        return new FormValidation(kind, message) {
            private static final long serialVersionUID = 1L;
        };
    }

    public static FormValidation error(String message) {
        return of(Kind.ERROR, message);
    }

    public static FormValidation warning(String message) {
        return of(Kind.WARNING, message);
    }

    public static FormValidation ok(String message) {
        return of(Kind.OK, message);
    }

    public static FormValidation ok() {
        return of(Kind.OK, null);
    }
}
