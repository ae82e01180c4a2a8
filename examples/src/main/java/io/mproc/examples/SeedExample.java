package io.mproc.examples;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The seed tutorial's examples, by the name {@code mproc example <name>} runs them under. Each prints what the
 * tutorial's Python version prints.
 */
public enum SeedExample {
    PRINT_NUMBERS("two processes print three numbers each", PrintNumbers::main),
    ARRAY_WITHOUT_SHARING("a plain array is copied into the child", ArrayWithoutSharing::main),
    ARRAY_WITH_SHARING("a shared Array is the same memory in both processes", ArrayWithSharing::main),
    VALUE_SUM("a shared Array and a shared Value, updated under the value's lock", ValueSum::main),
    MANAGER_LIST("two processes square the elements of a Manager's list", ManagerList::main),
    QUEUE_PRODUCER_CONSUMER("a producer and a consumer share a Queue", QueueProducerConsumer::main),
    PIPE_MESSAGES("messages through a Pipe until \"Bye\"", PipeMessages::main);

    /** An example's {@code main}. */
    @FunctionalInterface
    private interface Main {
        void run(String[] args) throws Exception;
    }

    private final String description;
    private final Main main;

    SeedExample(String description, Main main) {
        this.description = description;
        this.main = main;
    }

    /** The name on the command line: {@code value-sum} for {@link #VALUE_SUM}. */
    public String commandName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    /** The example of this command name, if there is one. */
    public static Optional<SeedExample> named(String commandName) {
        return Arrays.stream(values()).filter(example -> example.commandName().equals(commandName)).findFirst();
    }

    /** Runs the example on the calling thread; it prints to {@code System.out}. */
    public void run() throws Exception {
        main.run(new String[0]);
    }
}
