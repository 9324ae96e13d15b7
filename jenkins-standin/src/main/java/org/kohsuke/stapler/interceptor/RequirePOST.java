package org.kohsuke.stapler.interceptor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in: Stapler answers any other verb than POST with 405 before the web method runs. Upstream also carries
 * {@code @InterceptorAnnotation(RequirePOST.Processor.class)}, the interceptor that does it; there is no Stapler here to
 * read it, so (as with {@code verb.POST}) the meta-annotation and the nested types are left out.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface RequirePOST {}
