package io.mproc.cli;

import io.mproc.examples.SeedExample;
import io.mproc.internal.text.Suggestions;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mproc example <name>}: runs one of the seed tutorial's examples; without a name, lists them. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Run one of the tutorial's examples (Process, Array, Value, Manager, Queue, Pipe); "
                + "without a name, list them.")
final class ExampleCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the example to run, e.g. value-sum")
    private String name;

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            PrintWriter out = spec.commandLine().getOut();
            for (SeedExample example : SeedExample.values()) {
                out.printf("%-24s %s%n", example.commandName(), example.description());
            }
            out.flush();
            return 0;
        }
        SeedExample example = SeedExample.named(name).orElseThrow(() -> unknown(name));
        example.run();
        return 0;
    }

    private static IllegalArgumentException unknown(String name) {
        List<String> names = Arrays.stream(SeedExample.values()).map(SeedExample::commandName).toList();
        return new IllegalArgumentException("unknown example '" + name + "'"
                + Suggestions.closest(name, names).map(close -> "; did you mean '" + close + "'?").orElse("")
                + " (examples: " + String.join(", ", names) + ")");
    }
}
