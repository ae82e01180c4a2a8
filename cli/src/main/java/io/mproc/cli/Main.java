package io.mproc.cli;

import io.mproc.MprocException;
import io.mproc.NotTransferableException;
import io.mproc.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mproc} command line. Exit codes: 0 success, 1 the job failed, 2 a usage error. */
@Command(name = "mproc", mixinStandardHelpOptions = true, version = "mproc 0.1.0",
        description = "Multiprocessing for the JVM: split CPU-bound jobs into tasks, run them on a pool of worker "
                + "JVMs, aggregate through shared memory, and report the speedup.",
        subcommands = {JobsCommand.class, RunCommand.class, BenchCommand.class, ConfigCommand.class,
            ExampleCommand.class, NodeCommand.class, ClusterCommand.class})
public final class Main implements Runnable {

    static final int FAILED = 1;
    static final int USAGE = 2;
    /** How the JDK's logging prints a record; the command line prints each as one line, like its own messages. */
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "mproc: %4$s: %5$s%6$s%n");
        }
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExitCodeExceptionMapper(Main::exitCode);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("mproc: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
            int code = exitCode(e);
            command.getErr().println("mproc: " + message(e));
            if (code == FAILED && !(e instanceof MprocException)) {
                e.printStackTrace(command.getErr());
            }
            return code;
        });
        commandLine.setExecutionStrategy(parsed -> {
            int code = new CommandLine.RunLast().execute(parsed);
            if (code == 0 && ranACommand(parsed)) {
                ClassArchive.keepRecording();
            }
            return code;
        });
        return commandLine.execute(args);
    }

    /** Whether a command did its work: one without subcommands ran, and no help or version was asked for. */
    private static boolean ranACommand(CommandLine.ParseResult parsed) {
        if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
            return false;
        }
        return parsed.hasSubcommand() ? ranACommand(parsed.subcommand())
                : parsed.commandSpec().subcommands().isEmpty();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int exitCode(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof ConfigException
                || e instanceof NotTransferableException ? USAGE : FAILED;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
