package io.mproc;

/** One task as it runs: which task it is, the run's parameters, its shared state, and a way to report progress. */
public interface TaskContext extends SharedState {

    JobParameters parameters();

    /** This task's position in the list {@link Job#split} returned. */
    int taskIndex();

    int taskCount();

    /** Reports how far this task has come, from 0 to 1; cheap enough to call often. */
    void progress(double fraction);
}
