package io.jenkins.plugins.immutabledeploy.jenkins;

import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;

/**
 * A step or builder whose list fields a Pipeline may give as a Groovy list ({@code urls: ['a', 'b']}) or as text
 * ({@code urls: 'a'}, {@code urls: "a\nb"}), while the freestyle form keeps its text area. The fields stay
 * {@code String}s: a {@code List} setter would refuse today's text in Pipeline scripts, and an {@code Object} one
 * would be described to the snippet generator as "any describable". structs calls this on the descriptor before
 * binding ({@link Fields#listsAsText}) and after reading the fields back for a snippet ({@link Fields#textAsLists}).
 */
public interface ListParameters extends CustomDescribableModel {
    /** @return the names of the fields that hold lists */
    Set<String> listParameters();

    @Override
    default Map<String, Object> customInstantiate(Map<String, Object> arguments) {
        return Fields.listsAsText(arguments, listParameters());
    }

    @Override
    default UninstantiatedDescribable customUninstantiate(UninstantiatedDescribable ud) {
        return Fields.textAsLists(ud, listParameters());
    }
}
