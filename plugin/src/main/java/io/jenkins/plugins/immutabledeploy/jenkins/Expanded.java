package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.EnvVars;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A builder's fields with the build's variables expanded, as freestyle users expect from Jenkins' own build steps:
 * {@code release_tag=$RELEASE_TAG} in a text box means the parameter's value. Only freestyle builders use this; a
 * Pipeline has already interpolated its strings, and expanding them again would eat a regex's {@code $}.
 */
final class Expanded {
    private Expanded() {}

    /**
     * A view of the fields in which every {@code String} getter returns its value with {@code $NAME} and
     * {@code ${NAME}} replaced (unknown names stay as written, {@code $$} is one {@code $}). Nested option views of
     * this package (a rollback's health checks) are expanded too; lists of secret bindings are not, since they
     * only name credentials.
     *
     * @param options the options interface, e.g. {@code BakeGlue.Options.class}
     * @param fields the builder
     * @param env the build's environment, parameters included
     * @param <T> the options type
     * @return the expanded view
     */
    static <T> T of(Class<T> options, T fields, EnvVars env) {
        return options.cast(Proxy.newProxyInstance(options.getClassLoader(), new Class<?>[] {options}, (proxy, m, args) -> {
            Object value;
            try {
                value = m.invoke(fields, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (value instanceof String s) {
                return env.expand(s);
            }
            Class<?> type = m.getReturnType();
            if (value != null && type.isInterface() && type.getPackage() == Expanded.class.getPackage()) {
                return of(uncheckedClass(type), value, env);
            }
            return value;
        }));
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> uncheckedClass(Class<?> type) {
        return (Class<T>) type;
    }
}
