package io.mproc.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mproc config}: the effective configuration and where each value came from. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration and the source of each value.")
final class ConfigCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", description = "worker JVMs")
    private Integer workers;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(config.load(workers).describe());
        out.flush();
        return 0;
    }
}
