package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in: restricts a web method to HTTP POST. Upstream also carries
 * {@code @InterceptorAnnotation(value = HttpVerbInterceptor.class, stage = Stage.SELECTION)}, which routes any other
 * verb past the method; there is no Stapler here to read it, so (as with {@code QueryParameter}'s
 * {@code @InjectedParameter}) the meta-annotation is left out.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
