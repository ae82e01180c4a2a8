package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.testing.ChildJvm;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A JVM that no context started connects to a running manager by address and key, as Python's managers allow. */
class ManagerConnectTest {

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void anUnrelatedJvmLooksUpPublishedObjectsAndWorksOnThem() {
        Manager manager = context.manager();
        SharedQueue<Integer> jobs = context.queue();
        SharedList<Integer> results = manager.list();
        manager.publish("jobs", jobs);
        manager.publish("results", results);
        jobs.put(21);
        try (ChildJvm unrelated = ChildJvm.start(Worker.class, manager.address(), key(manager.authKey()))) {
            assertThat(unrelated.awaitLine("published ", Duration.ofSeconds(30))).isEqualTo("published [jobs, results]");
            assertThat(unrelated.awaitExit()).as(unrelated.output()).isZero();
        }
        assertThat(results).containsExactly(42);
    }

    @Test
    void aWrongKeyIsRefusedAndAnUnpublishedNameIsNamed() {
        Manager manager = context.manager();
        manager.publish("jobs", context.queue());
        try (ChildJvm wrong = ChildJvm.start(WrongKey.class, manager.address())) {
            assertThat(wrong.awaitLine("refused ", Duration.ofSeconds(30))).isEqualTo("refused AuthenticationException");
            assertThat(wrong.awaitExit()).isZero();
        }
        Manager.Published published = Manager.connect(manager.address(), manager.authKey());
        assertThatThrownBy(() -> published.lookup("nothing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("published: [jobs]");
        assertThatThrownBy(() -> manager.publish(" ", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String key(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    /** A program of its own: connects, takes a job, publishes its result. */
    static final class Worker {
        public static void main(String[] args) {
            Manager.Published manager = Manager.connect(args[0], Base64.getDecoder().decode(args[1]));
            System.out.println("published " + manager.names());
            SharedQueue<Integer> jobs = manager.lookup("jobs");
            List<Integer> results = manager.lookup("results");
            results.add(jobs.get(Duration.ofSeconds(30)) * 2);
        }
    }

    /** Connects with a key that is not the manager's. */
    static final class WrongKey {
        public static void main(String[] args) {
            try {
                Manager.connect(args[0], new byte[32]);
                System.out.println("connected");
            } catch (AuthenticationException e) {
                System.out.println("refused " + e.getClass().getSimpleName());
            }
        }
    }
}
