package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.ExtensionList;
import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The descriptor of a freestyle builder that is the form of a Pipeline step: one form, one help and one set of
 * checks per feature. The builder's {@code config.jelly} includes the step's ({@link #getStepClass()}); the help of
 * every field redirects to the step's; the checks and drop-downs answer with the step descriptor's ({@link #step()}).
 * Stapler looks web methods up by name on the descriptor a form was drawn for, so the concrete descriptor still
 * declares each {@code doCheck*}/{@code doFill*}, as a one-line delegation.
 *
 * @param <S> the step's descriptor
 */
public abstract class StepBuilderDescriptor<S extends StepDescriptor & ListParameters> extends BuildStepDescriptor<Builder>
        implements ListParameters {
    private final Class<S> stepDescriptor;

    /** @param stepDescriptor the step's descriptor class, nested in the step as this one is in the builder */
    protected StepBuilderDescriptor(Class<S> stepDescriptor) {
        this.stepDescriptor = stepDescriptor;
        // Only classes here: the step's descriptor may not be registered yet, so help redirects resolve it later.
        Class<? extends Describable> step = getStepClass().asSubclass(Describable.class);
        for (String field : fields(step)) {
            addHelpFileRedirect(field, step, field);
        }
    }

    /** @return the step's descriptor, which answers this form's checks and drop-downs */
    protected final S step() {
        return ExtensionList.lookupSingleton(stepDescriptor);
    }

    /** @return the step class, whose {@code config.jelly} is this builder's form */
    public final Class<?> getStepClass() {
        return stepDescriptor.getEnclosingClass();
    }

    @Override
    public final String getDisplayName() {
        return step().getDisplayName();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public final boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
    }

    @Override
    public final Set<String> listParameters() {
        return step().listParameters();
    }

    /** The data-bound field names of a class: its {@code @DataBoundConstructor}'s parameters, then its setters'. */
    static Set<String> fields(Class<?> type) {
        Set<String> out = new LinkedHashSet<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    out.add(p.getName());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                String name = m.getName().substring(3);
                out.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
            }
        }
        return out;
    }
}
