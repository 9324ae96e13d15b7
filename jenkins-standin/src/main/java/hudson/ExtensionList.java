package hudson;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-in: the registered instances of an extension type. There is no extension index at run time here, so
 * {@link #lookupSingleton} makes the one instance of a type on first use (with its no-argument constructor) and
 * returns that same instance afterwards, as upstream returns the one instance Jenkins registered.
 */
public class ExtensionList<T> {
    private static final Map<Class<?>, Object> SINGLETONS = new ConcurrentHashMap<>();

    private ExtensionList() {}

    public static <U> U lookupSingleton(Class<U> type) {
        return type.cast(SINGLETONS.computeIfAbsent(type, t -> {
            try {
                var constructor = t.getDeclaredConstructor();
                constructor.setAccessible(true);
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("stand-in: cannot make the one " + t.getName(), e);
            }
        }));
    }
}
