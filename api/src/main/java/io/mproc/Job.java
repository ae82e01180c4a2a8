package io.mproc;

import java.util.List;

/**
 * A CPU-bound computation that mproc splits into tasks, runs on worker processes and aggregates.
 *
 * <p>The life of one run, and where each step happens:
 * <ol>
 *   <li>{@link #prepare} on the coordinator creates the shared values and arrays the tasks use;</li>
 *   <li>{@link #split} on the coordinator cuts the work into tasks; each task travels to a worker as a Jackson
 *       value, so use records, numbers or strings;</li>
 *   <li>{@link #execute} runs one task in a worker; a task reaches shared state only through its
 *       {@link TaskContext}, never through files, sockets or statics, so the same job can run on another
 *       backend;</li>
 *   <li>{@link #aggregate} on the coordinator turns the per-task results and the shared state into the final
 *       result, which must be a Jackson value that {@link Object#equals} can compare.</li>
 * </ol>
 *
 * <p><b>Exact under failure.</b> A task whose worker dies is run again. Its effects must therefore be idempotent:
 * write to shared state only what belongs to the task (its own slot in an array, its own rows of an image) with
 * {@code set}, never {@code addAndGet} into a total that other tasks share, and derive totals in
 * {@link #aggregate}. Per-task results are delivered exactly once.
 *
 * <p><b>On a cluster</b> each task runs on a private copy of the shared state and sees only its own writes; when
 * its result is accepted, the elements it wrote are stored and the numbers it added to values are added, once.
 * Jobs written as above give the same result; a compare-and-set or a lock between tasks protects nothing there.
 *
 * <p>Jobs are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.mproc.Job}. It needs a public no-arg constructor, and one instance may run tasks
 * of several runs at once, so keep it stateless.
 *
 * @param <T> the task type
 * @param <R> the per-task result type
 */
public interface Job<T, R> {

    /** The name users run it by: lower case, no spaces. */
    String name();

    /** One line for {@code mproc jobs}. */
    String description();

    /** The parameters it accepts, with defaults. */
    default List<JobParameter> parameters() {
        return List.of();
    }

    /** Creates the shared values and arrays the tasks use. Runs once per run, before {@link #split}. */
    default void prepare(JobContext context) {
    }

    /** Cuts the work into about {@code context.taskCount()} tasks. */
    List<T> split(JobContext context);

    /** Runs one task, in a worker. */
    R execute(T task, TaskContext context) throws Exception;

    /** Combines the per-task results (in task order) and the shared state into the final result. */
    Object aggregate(List<R> results, JobContext context);
}
