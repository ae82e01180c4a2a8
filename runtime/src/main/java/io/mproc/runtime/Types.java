package io.mproc.runtime;

import tools.jackson.databind.type.TypeFactory;

/**
 * Databind's type factory, for the type arguments of a function's or a job's class; made when first needed, as a
 * fresh JVM takes 45-60 ms to make it, and a pool of lambdas and method references never needs it. Not the wire
 * codec's factory, whose mapper takes a fresh JVM 150-180 ms to build.
 */
final class Types {

    static final TypeFactory FACTORY = TypeFactory.createDefaultInstance();

    private Types() {
    }
}
