package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.Job;
import io.mproc.JobContext;
import io.mproc.TaskContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobsTest {

    /** A job that no service file lists, so only its class name finds it. */
    public static final class Unlisted implements Job<Integer, Integer> {
        @Override
        public String name() {
            return "unlisted";
        }

        @Override
        public String description() {
            return "a job for the tests";
        }

        @Override
        public List<Integer> split(JobContext context) {
            return List.of(1);
        }

        @Override
        public Integer execute(Integer task, TaskContext context) {
            return task;
        }

        @Override
        public Object aggregate(List<Integer> results, JobContext context) {
            return results.size();
        }
    }

    @Test
    void aWorkerMakesAJobFromItsClassWithoutLookingThroughEveryServiceFile() {
        assertThat(Jobs.cached("unlisted", Unlisted.class.getName())).isInstanceOf(Unlisted.class);
    }

    @Test
    void aClassOfAnotherNameOrNoneFallsBackToTheLookupByName() {
        assertThatThrownBy(() -> Jobs.cached("listed-nowhere", Unlisted.class.getName()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown job 'listed-nowhere'");
        assertThatThrownBy(() -> Jobs.cached("listed-nowhere-either", "no.such.Job"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown job");
    }
}
