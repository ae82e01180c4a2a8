package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PoolMapTest {

    @Test
    void mapReturnsSquaresInInputOrder() {
        List<Integer> inputs = IntStream.range(0, 10_000).boxed().toList();
        try (Pool pool = Pool.builder().workers(2).build()) {
            List<Integer> squares = pool.map(Tasks::square, inputs);
            assertThat(squares).isEqualTo(inputs.stream().map(x -> x * x).toList());
        }
    }
}
