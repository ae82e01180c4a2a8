package io.mproc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs each seed example with real child JVMs and checks its output against the seed's. */
class ExamplesTest {

    private static final Duration PAUSE = Duration.ofMillis(300);

    @Test
    void printNumbers() throws Exception {
        assertThat(output(() -> PrintNumbers.run(PAUSE))).containsExactlyInAnyOrder(
                "process1 Number: 0", "process1 Number: 1", "process1 Number: 2",
                "process2 Number: 0", "process2 Number: 1", "process2 Number: 2");
    }

    @Test
    void arrayWithoutSharing() throws Exception {
        assertThat(output(() -> ArrayWithoutSharing.main(new String[0]))).containsExactly(
                "Array inside process : [1, 4, 9, 16]", "Array outside process : [1, 2, 3, 4]");
    }

    @Test
    void arrayWithSharing() throws Exception {
        assertThat(output(() -> ArrayWithSharing.main(new String[0]))).containsExactly(
                "Array inside process : [1, 4, 9, 16]", "Array outside process : [1, 4, 9, 16]");
    }

    @Test
    void valueSum() throws Exception {
        assertThat(output(() -> ValueSum.main(new String[0]))).containsExactly(
                "Array inside process: [1, 4, 9, 16], Sum: 30", "Array outside process: [1, 4, 9, 16], Sum: 30");
    }

    @Test
    void managerList() throws Exception {
        List<String> lines = output(() -> ManagerList.run(PAUSE));
        assertThat(lines).hasSize(10);
        assertThat(lines.subList(0, 8)).allMatch(line -> line.matches("Process \\d+ modified index [0-3]: \\[.*]"));
        assertThat(lines.get(8)).isEqualTo("Final List outside Process: [4, 9, 16, 25]");
        assertThat(lines.get(9)).matches("Total Execution Time: \\d+\\.\\d\\d seconds");
    }

    @Test
    void queueProducerConsumer() throws Exception {
        List<String> lines = output(() -> QueueProducerConsumer.run(PAUSE));
        assertThat(lines).containsExactlyInAnyOrder("Producing: 0 Added", "Producing: 1 Added", "Producing: 2 Added",
                "Producing: 3 Added", "Producing: 4 Added", "Consuming: 0 Taken", "Consuming: 1 Taken",
                "Consuming: 2 Taken", "Consuming: 3 Taken", "Consuming: 4 Taken", "Queue processing complete.");
        assertThat(lines).endsWith("Queue processing complete.");
    }

    @Test
    void pipeMessages() throws Exception {
        List<String> lines = output(() -> PipeMessages.main(new String[0]));
        assertThat(lines).containsExactlyInAnyOrder("Sender : Hello", "Received : Hello", "Sender : How are You",
                "Received : How are You", "Sender : Good, Thanks", "Received : Good, Thanks", "Sender : Bye",
                "Received : Bye");
        assertThat(lines.stream().filter(line -> line.startsWith("Received")).toList()).containsExactly(
                "Received : Hello", "Received : How are You", "Received : Good, Thanks", "Received : Bye");
    }

    @FunctionalInterface
    private interface Example {
        void run() throws Exception;
    }

    private static List<String> output(Example example) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            example.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
