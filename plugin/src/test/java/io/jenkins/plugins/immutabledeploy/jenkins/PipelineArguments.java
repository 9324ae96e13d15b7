package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.ExtensionList;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Binds a Pipeline step's arguments the way structs' {@code DescribableModel.instantiate} does (structs
 * 362.va_b_695ef4fdf9), for the parameter types these steps have. structs is a Jenkins plugin and cannot run here;
 * this follows its order and its coercion rules as read there:
 * <ol>
 *   <li>the descriptor's {@code CustomDescribableModel.customInstantiate}, when it implements it;</li>
 *   <li>{@code <anonymous>} becomes the sole {@code @DataBoundConstructor} parameter;</li>
 *   <li>the constructor, then every {@code @DataBoundSetter} named in the arguments, each value coerced as
 *       {@code coerce} does: a {@code String} parameter takes a {@code String} (a GString is made one) and nothing
 *       else, so a {@code List} fails with structs' {@code ClassCastException} text; {@code int} a number or
 *       numeric text; {@code boolean} a Boolean or text; a {@code List} parameter a list.</li>
 * </ol>
 */
final class PipelineArguments {
    private PipelineArguments() {}

    /**
     * @param type the step or builder class
     * @param arguments the arguments as the Pipeline passes them
     * @param customized whether the descriptor's {@code CustomDescribableModel} is applied (structs always applies it;
     *                   false shows what binding would do without it)
     * @return the bound instance
     */
    static <T> T bind(Class<T> type, Map<String, Object> arguments, boolean customized) throws Exception {
        Map<String, Object> args = new LinkedHashMap<>(arguments);
        if (customized && ExtensionList.lookupSingleton(descriptor(type)) instanceof CustomDescribableModel m) {
            args = new LinkedHashMap<>(m.customInstantiate(Map.copyOf(args)));
        }
        Constructor<?> constructor = Stream.of(type.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst().orElseThrow();
        if (args.containsKey(UninstantiatedDescribable.ANONYMOUS_KEY)) {
            args.put(constructor.getParameters()[0].getName(), args.remove(UninstantiatedDescribable.ANONYMOUS_KEY));
        }
        Object[] values = new Object[constructor.getParameterCount()];
        for (int i = 0; i < values.length; i++) {
            String name = constructor.getParameters()[i].getName();
            values[i] = coerce(type.getName() + "." + name, constructor.getParameterTypes()[i], args.get(name));
        }
        T instance = type.cast(invoke(() -> constructor.newInstance(values)));
        for (Method setter : type.getMethods()) {
            String name = setter.getName().length() > 3 ? Character.toLowerCase(setter.getName().charAt(3))
                    + setter.getName().substring(4) : "";
            if (setter.isAnnotationPresent(DataBoundSetter.class) && args.containsKey(name)) {
                Object value = coerce(setter.getName(), setter.getParameterTypes()[0], args.get(name));
                invoke(() -> setter.invoke(instance, value));
            }
        }
        return instance;
    }

    private static Object coerce(String context, Class<?> type, Object o) {
        if (o instanceof CharSequence s && !(o instanceof String)) {
            o = s.toString(); // a GString
        }
        if (o == null) {
            return type == int.class ? 0 : type == boolean.class ? false : null;
        }
        if (o instanceof List && List.class.isAssignableFrom(type)) {
            return o;
        }
        if (type.isInstance(o) || type == int.class && o instanceof Integer || type == boolean.class && o instanceof Boolean) {
            return o;
        }
        if (o instanceof String s && type == int.class) {
            return Integer.valueOf(s);
        }
        if (o instanceof String s && type == boolean.class) {
            return Boolean.valueOf(s);
        }
        throw new ClassCastException(context + " expects " + type + " but received " + o.getClass());
    }

    private static Class<?> descriptor(Class<?> type) {
        return Stream.of(type.getDeclaredClasses()).filter(d -> d.getSimpleName().equals("DescriptorImpl")).findFirst()
                .orElseThrow();
    }

    private interface Call {
        Object run() throws ReflectiveOperationException;
    }

    private static Object invoke(Call call) throws Exception {
        try {
            return call.run();
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }
}
