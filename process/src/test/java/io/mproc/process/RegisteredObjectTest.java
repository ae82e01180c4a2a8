package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An object of the user's class held by the manager and called through a proxy (Python's BaseManager.register). */
class RegisteredObjectTest {

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    /** What the proxy offers. */
    public interface Tally {
        long add(int amount);

        long total();

        String label(String prefix, short width);

        void fail(String message);
    }

    /** The object at the manager; its own lock guards it, as calls come from several manager threads. */
    static final class SynchronizedTally implements Tally {
        private long total;

        @Override
        public synchronized long add(int amount) {
            total += amount;
            return total;
        }

        @Override
        public synchronized long total() {
            return total;
        }

        @Override
        public String label(String prefix, short width) {
            return prefix + "-".repeat(width);
        }

        @Override
        public void fail(String message) {
            throw new IllegalStateException(message);
        }
    }

    @Test
    void childrenCallTheObjectAtTheManagerThroughItsProxyAndSeeItsExceptions() {
        Tally tally = context.manager().register(Tally.class, new SynchronizedTally());
        List<ChildProcess> children = Stream.of(0, 1)
                .map(id -> context.process(RegisteredObjectTest::addMany, tally).start()).toList();
        children.forEach(child -> assertThat(child.join(Duration.ofSeconds(60))).isTrue());
        assertThat(children).allSatisfy(child -> assertThat(child.exitCode()).hasValue(0));
        assertThat(tally.total()).isEqualTo(2 * 500);
        assertThat(tally.label("x", (short) 3)).isEqualTo("x---");
        assertThatThrownBy(() -> tally.fail("from the manager")).isInstanceOf(IllegalStateException.class)
                .hasMessage("from the manager");
    }

    @Test
    void aProxyTravelsInsideAManagedListAndStillWorks() {
        Tally tally = context.manager().register(Tally.class, new SynchronizedTally());
        SharedList<Tally> shelf = context.manager().list();
        shelf.add(tally);
        ChildProcess child = context.process(RegisteredObjectTest::addFromShelf, shelf).start();
        assertThat(child.join(Duration.ofSeconds(60))).isTrue();
        assertThat(tally.total()).isEqualTo(7);
        assertThat(shelf.get(0)).isEqualTo(tally);
        assertThat(tally.toString()).startsWith("ManagedTally[");
    }

    @Test
    void registerRefusesAClassThatIsNoInterface() {
        assertThatThrownBy(() -> context.manager().register(SynchronizedTally.class, new SynchronizedTally()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes an interface");
    }

    private static void addMany(Tally tally) {
        for (int i = 0; i < 500; i++) {
            tally.add(1);
        }
    }

    private static void addFromShelf(SharedList<Tally> shelf) {
        shelf.get(0).add(7);
    }
}
