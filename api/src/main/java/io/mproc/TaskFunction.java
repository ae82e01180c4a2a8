package io.mproc;

import java.io.Serializable;

/**
 * A one-argument function that runs inside a worker JVM.
 *
 * <p>A function reaches a worker in one of two ways, decided when it is submitted:
 * <ul>
 *   <li>a lambda or method reference ({@code Squares::square}) is serialized with everything it captures, so
 *       whatever it captures must itself be {@link Serializable};</li>
 *   <li>a named class is sent by name and the worker creates its own instance with the no-arg constructor;
 *       state set on the submitting side's instance does not travel.</li>
 * </ul>
 * Inputs and results travel as Jackson-encoded values. Anything that cannot travel is rejected when it is
 * submitted, with {@link NotTransferableException}.
 *
 * @param <T> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {

    /**
     * Computes the result for one input, in a worker. Called by one worker thread at a time.
     *
     * @throws Exception any failure, reported to the submitter as {@link TaskFailedException}
     */
    R apply(T input) throws Exception;
}
