package org.jenkinsci.plugins.structs.describable;

import java.io.Serializable;
import java.util.Map;

/** Stand-in: a describable as a symbol or class name and its arguments, not yet instantiated. */
public class UninstantiatedDescribable implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String ANONYMOUS_KEY = "<anonymous>";

    private final String symbol;
    private final String klass;
    private final Map<String, ?> arguments;

    public UninstantiatedDescribable(String symbol, String klass, Map<String, ?> arguments) {
        this.symbol = symbol;
        this.klass = klass;
        this.arguments = arguments;
    }

    public UninstantiatedDescribable withArguments(Map<String, ?> arguments) {
        return new UninstantiatedDescribable(symbol, klass, arguments);
    }

    public String getSymbol() {
        return symbol;
    }

    public Map<String, ?> getArguments() {
        return arguments;
    }
}
