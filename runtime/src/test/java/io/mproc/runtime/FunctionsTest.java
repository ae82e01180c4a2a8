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
    void equalFunctionsShareOneDefinition() {
        assertThat(functions.of(new Negate()).id()).isEqualTo(functions.of(new Negate()).id());
        assertThat(functions.of(adding(5)).id()).isEqualTo(functions.of(adding(5)).id());
        assertThat(functions.of(adding(5)).id()).isNotEqualTo(functions.of(adding(6)).id());
    }

    private static TaskFunction<Integer, Integer> adding(int offset) {
        return x -> x + offset;
    }

    static final class Negate implements TaskFunction<Integer, Integer> {
        @Override
        public Integer apply(Integer input) {
            return -input;
        }
    }

    @Test
    void aLambdaThatCapturesValuesTravelsJavaSerialized() {
        int offset = 5;
        TaskFunction<Integer, Integer> capturing = x -> x + offset;

        assertThat(functions.of(capturing).definition.kind()).isEqualTo(FunctionDefinition.SERIALIZED);
    }
}
