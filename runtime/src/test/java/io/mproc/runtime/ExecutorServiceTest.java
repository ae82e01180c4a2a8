package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.NotTransferableException;
import io.mproc.TaskFailedException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Code written for {@link ExecutorService} runs unchanged on worker JVMs through {@link Pool#asExecutorService()}. */
class ExecutorServiceTest {

    private final Pool pool = Pool.builder().workers(2).build();
    private final ExecutorService executor = pool.asExecutorService();

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aCallableRunsInAWorkerJvmAndItsResultKeepsItsType() throws Exception {
        Future<Located> located = executor.submit((Callable<Located> & Serializable) () ->
                new Located("here", ProcessHandle.current().pid()));
        Located result = located.get(30, TimeUnit.SECONDS);
        assertThat(result.where()).isEqualTo("here");
        assertThat(result.pid()).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void invokeAllReturnsEveryResultInOrderAndInvokeAnyOneOfThem() throws Exception {
        List<Callable<Integer>> tasks = IntStream.range(0, 20)
                .mapToObj(i -> (Callable<Integer> & Serializable) () -> i * i).map(t -> (Callable<Integer>) t)
                .toList();
        List<Future<Integer>> futures = executor.invokeAll(tasks);
        for (int i = 0; i < 20; i++) {
            assertThat(futures.get(i).get()).isEqualTo(i * i);
        }
        assertThat(executor.invokeAny(tasks)).isIn(IntStream.range(0, 20).map(i -> i * i).boxed().toList());
    }

    @Test
    void aRunnableGivesTheValueItWasSubmittedWithAndAFailureComesAsTheCause() {
        Future<String> done = executor.submit((Runnable & Serializable) () -> { }, "done");
        assertThat(done).succeedsWithin(Duration.ofSeconds(30)).isEqualTo("done");
        Future<?> failing = executor.submit((Runnable & Serializable) () -> {
            throw new IllegalStateException("broken in the worker");
        });
        assertThatThrownBy(() -> failing.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TaskFailedException.class).hasMessageContaining("broken in the worker");
    }

    @Test
    void aCallableThatIsNotSerializableIsRefusedWithTheFix() {
        Callable<Integer> plain = () -> 1;
        assertThatThrownBy(() -> executor.submit(plain)).isInstanceOf(NotTransferableException.class)
                .hasMessageContaining("not Serializable").hasMessageContaining("Callable<T> & Serializable");
    }

    @Test
    void invokeAllWithATimeoutCancelsWhatDidNotFinish() throws Exception {
        Callable<Integer> quick = (Callable<Integer> & Serializable) () -> 1;
        Callable<Integer> slow = (Callable<Integer> & Serializable) () -> {
            Thread.sleep(60_000);
            return 2;
        };
        List<Future<Integer>> futures = executor.invokeAll(List.of(quick, slow), 5, TimeUnit.SECONDS);
        assertThat(futures.get(0).get()).isEqualTo(1);
        assertThat(futures.get(1).isCancelled()).isTrue();
        assertThatThrownBy(() -> futures.get(1).get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void shutdownFinishesQueuedWorkRejectsNewWorkAndTerminates() throws Exception {
        Future<Integer> queued = executor.submit((Callable<Integer> & Serializable) () -> 7);
        executor.shutdown();
        assertThat(executor.isShutdown()).isTrue();
        assertThatThrownBy(() -> executor.submit((Callable<Integer> & Serializable) () -> 8))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(queued.get()).isEqualTo(7);
    }

    @Test
    void shutdownNowFailsRunningWorkAndReturnsWhatHadNotFinished() throws Exception {
        Future<Integer> running = executor.submit((Callable<Integer> & Serializable) () -> {
            Thread.sleep(60_000);
            return 1;
        });
        List<Runnable> notFinished = executor.shutdownNow();
        assertThat(notFinished).containsExactly((Runnable) running);
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    record Located(String where, long pid) {
    }
}
