package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's library snippets (every Java block that opens a {@code Pool} or an {@code MprocContext}) compile as
 * shown and run in a plain JVM: {@code java -cp ... Main}, with no JVM option, on whatever Java runs the tests.
 */
class ReadmeSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    /** What the snippets refer to without defining it, as a reader's program would define it. */
    private static final String PROGRAM = """
            import io.mproc.*;
            import io.mproc.process.*;
            import io.mproc.runtime.Pool;
            import io.mproc.runtime.SpareWorkers;
            import java.time.Duration;
            import java.util.*;
            import java.util.concurrent.*;

            public class Snippet {
                static final List<Integer> inputs = List.of(1, 2, 3);
                static final Iterable<Integer> hugeIterable = inputs;

                static List<Integer> load() {
                    return inputs;
                }

                static class Squares {
                    static int square(int x) {
                        return x * x;
                    }
                }

                static class Tasks {
                    static long count(LongValue hits) {
                        return hits.addAndGet(1);
                    }
                }

                static class Work {
                    static void run(SharedQueue<Integer> queue, Connection end) {
                        queue.put(1);
                        end.send("done");
                    }
                }

                public static void main(String[] args) throws Exception {
            %s
                    System.out.println("the snippet ran");
                }
            }
            """;

    @TempDir
    Path dir;

    static List<String> snippets() throws IOException {
        Matcher blocks = JAVA_BLOCK.matcher(Files.readString(Path.of("../README.md")));
        List<String> snippets = new ArrayList<>();
        while (blocks.find()) {
            String block = blocks.group(1);
            if (block.startsWith("try (Pool pool") || block.startsWith("Pool.Builder builder")
                    || block.startsWith("try (MprocContext context")) {
                snippets.add(block);
            }
        }
        assertThat(snippets).as("library snippets in the README").hasSizeGreaterThanOrEqualTo(3);
        return snippets;
    }

    @ParameterizedTest
    @MethodSource("snippets")
    void aLibrarySnippetCompilesAsShownAndRunsInAJvmWithNoOptions(String snippet) throws IOException {
        Path source = dir.resolve("src/Snippet.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, PROGRAM.formatted(snippet.indent(8)));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertThat(compiled).as("javac exit status for:%n%s", snippet).isZero();

        List<String> command = List.of(ChildJvm.java(), "-cp",
                classes + File.pathSeparator + System.getProperty("java.class.path"), "Snippet");
        try (ChildJvm program = ChildJvm.start(command)) {
            assertThat(program.awaitExit(Duration.ofSeconds(90))).as(program.output()).isZero();
            assertThat(program.output()).contains("the snippet ran").doesNotContain("Unsafe")
                    .doesNotContain("add-exports");
        }
    }
}
