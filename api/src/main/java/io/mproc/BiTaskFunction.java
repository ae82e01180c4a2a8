package io.mproc;

import java.io.Serializable;

/**
 * A two-argument function that runs inside a worker JVM, used by {@code starmap}. It travels the same way as
 * {@link TaskFunction}.
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface BiTaskFunction<A, B, R> extends Serializable {

    /**
     * Computes the result for one pair of arguments, in a worker.
     *
     * @throws Exception any failure, reported to the submitter as {@link TaskFailedException}
     */
    R apply(A first, B second) throws Exception;
}
