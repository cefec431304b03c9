package io.github.cyclegan.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a {@link TrainingConfig} component as a job config option, so that its name, default, bounds and
 * description sit on one line. A value must satisfy every bound given.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface Option {

    /** The default as the command line spells it ("64", "resnet_9blocks", "true"); empty: none. */
    String value() default "";

    /** Inclusive lower bound. */
    double min() default Double.NEGATIVE_INFINITY;

    /** Exclusive lower bound. */
    double above() default Double.NEGATIVE_INFINITY;

    /** Inclusive upper bound. */
    double max() default Double.POSITIVE_INFINITY;

    /** Exclusive upper bound. */
    double below() default Double.POSITIVE_INFINITY;

    /** The only values allowed, when not empty. */
    long[] oneOf() default {};

    /** One line for the docs' table and the command line's help. */
    String doc();
}
