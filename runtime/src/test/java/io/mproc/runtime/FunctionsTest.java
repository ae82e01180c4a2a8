package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.TaskFunction;
import io.mproc.internal.wire.FunctionDefinition;
import org.junit.jupiter.api.Test;

class FunctionsTest {

    private final Functions functions = new Functions();

    @Test
    void aLambdaThatCapturesNothingTravelsAsItsMethodNotJavaSerialized() {
        TaskFunction<Integer, Integer> reference = Tasks::square;
        TaskFunction<Integer, Integer> lambda = x -> x + 1;

        assertThat(functions.of(reference).definition.kind()).isEqualTo(FunctionDefinition.METHOD_REFERENCE);
        assertThat(functions.of(lambda).definition.kind()).isEqualTo(FunctionDefinition.METHOD_REFERENCE);
    }

    @Test
    void aLambdaThatCapturesValuesTravelsJavaSerialized() {
        int offset = 5;
        TaskFunction<Integer, Integer> capturing = x -> x + offset;

        assertThat(functions.of(capturing).definition.kind()).isEqualTo(FunctionDefinition.SERIALIZED);
    }
}
