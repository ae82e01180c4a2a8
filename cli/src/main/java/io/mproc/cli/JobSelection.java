package io.mproc.cli;

import io.mproc.Job;
import io.mproc.JobParameters;
import io.mproc.runtime.Jobs;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The job a command works on, and its parameters. */
final class JobSelection {

    @Parameters(index = "0", paramLabel = "JOB", description = "the job (see 'mproc jobs')")
    private String name;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "a job parameter (repeatable)")
    private Map<String, String> params = new LinkedHashMap<>();

    /** @throws IllegalArgumentException naming the closest job or parameter when one is unknown or malformed */
    Job<?, ?> job() {
        return Jobs.find(name);
    }

    JobParameters parameters(Job<?, ?> job) {
        return Jobs.parameters(job, params);
    }
}
