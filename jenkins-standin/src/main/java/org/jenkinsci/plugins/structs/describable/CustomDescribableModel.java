package org.jenkinsci.plugins.structs.describable;

import java.util.Map;

/**
 * Stand-in: implemented by a descriptor to accept variant arguments in {@code DescribableModel.instantiate} (Pipeline
 * steps, Job DSL) and to suggest variant output from {@code uninstantiate2} (the snippet generator). Upstream's
 * {@code DescribableModel} is not here: tests call these methods themselves.
 */
public interface CustomDescribableModel {
    default Map<String, Object> customInstantiate(Map<String, Object> arguments) {
        return arguments;
    }

    default UninstantiatedDescribable customUninstantiate(UninstantiatedDescribable ud) {
        return ud;
    }
}
