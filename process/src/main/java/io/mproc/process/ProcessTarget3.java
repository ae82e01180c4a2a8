package io.mproc.process;

import java.io.Serializable;

/**
 * What a {@link ChildProcess} runs, with three arguments (Python's {@code target} and {@code args}): a serializable
 * lambda or method reference, or a class of your own. It travels to the child JVM by Java serialization, so what it
 * captures must be serializable; its arguments travel as values or shared handles. Returning ends the child with exit
 * code 0; throwing prints the stack trace and ends it with exit code 1.
 */
@FunctionalInterface
public interface ProcessTarget3<A, B, C> extends Serializable {

    void run(A a, B b, C c) throws Exception;
}
