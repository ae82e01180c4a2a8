package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.NotTransferableException;
import io.mproc.TaskFunction;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SubmitRejectionTest {

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.builder().workers(1).build();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void lambdaCapturingANonSerializableObjectIsRejectedNamingItsClass() {
        Unserializable captured = new Unserializable(3);
        assertThatThrownBy(() -> pool.map((Integer x) -> x * captured.factor, List.of(1)))
                .isInstanceOf(NotTransferableException.class)
                .hasMessageContaining("captures an object of class " + Unserializable.class.getName())
                .hasMessageContaining("not Serializable");
    }

    @Test
    void classWithoutNoArgConstructorIsRejected() {
        assertThatThrownBy(() -> pool.map(new Multiply(3), List.of(1)))
                .isInstanceOf(NotTransferableException.class)
                .hasMessageContaining(Multiply.class.getName())
                .hasMessageContaining("no no-arg constructor");
    }

    @Test
    void anonymousClassIsRejected() {
        TaskFunction<Integer, Integer> anonymous = new TaskFunction<>() {
            @Override
            public Integer apply(Integer input) {
                return input;
            }
        };
        assertThatThrownBy(() -> pool.map(anonymous, List.of(1)))
                .isInstanceOf(NotTransferableException.class)
                .hasMessageContaining("anonymous or local class");
    }

    @Test
    void inputJacksonCannotEncodeIsRejectedNamingItsIndexAndClass() {
        List<Object> inputs = List.of("fine", new Unserializable(1));
        assertThatThrownBy(() -> pool.map((Object x) -> x.toString(), inputs))
                .isInstanceOf(NotTransferableException.class)
                .hasMessageContaining("input #1 (" + Unserializable.class.getName() + ")");
    }

    @Test
    void imapInputThatCannotBeSentFailsAtItsPositionAndTheInputsAroundItRun() {
        List<Object> inputs = List.of("a", "b", new Unserializable(1), "d");
        Iterator<String> results = pool.imap((Object x) -> x.toString(), inputs);

        assertThat(results.next()).isEqualTo("a");
        assertThat(results.next()).isEqualTo("b");
        assertThatThrownBy(results::next).isInstanceOf(NotTransferableException.class)
                .hasMessageContaining("input #2 (" + Unserializable.class.getName() + ")");
        assertThat(results.next()).isEqualTo("d");
        assertThat(results.hasNext()).isFalse();
    }

    @Test
    void rejectionSendsNothingAndThePoolGoesOn() {
        assertThatThrownBy(() -> pool.map(new Multiply(2), List.of(1))).isInstanceOf(NotTransferableException.class);
        assertThat(pool.map(Tasks::square, List.of(1, 2, 3))).containsExactly(1, 4, 9);
    }

    static final class Unserializable {
        final int factor;

        Unserializable(int factor) {
            this.factor = factor;
        }
    }

    static final class Multiply implements TaskFunction<Integer, Integer> {
        private final int factor;

        Multiply(int factor) {
            this.factor = factor;
        }

        @Override
        public Integer apply(Integer input) {
            return input * factor;
        }
    }
}
