package io.mproc.cli;

import io.mproc.Job;
import io.mproc.JobParameter;
import io.mproc.runtime.Jobs;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mproc jobs}: the jobs on the classpath, their parameters and defaults. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List the jobs, their parameters and defaults.")
final class JobsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Job<?, ?> job : Jobs.all()) {
            out.printf("%-12s %s%n", job.name(), job.description());
            for (JobParameter parameter : job.parameters()) {
                out.printf("    -p %-22s %s (%s, default %s)%n", parameter.name() + "=" + placeholder(parameter),
                        parameter.description(), parameter.type().name().toLowerCase(), parameter.defaultValue());
            }
        }
        out.flush();
        return 0;
    }

    private static String placeholder(JobParameter parameter) {
        return parameter.type().name();
    }
}
