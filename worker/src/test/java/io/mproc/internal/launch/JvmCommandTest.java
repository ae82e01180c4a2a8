package io.mproc.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmCommandTest {

    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

    @Test
    void aChildJvmCompilesItsLukewarmStartUpCodeLaterUnlessItsOptionsSetACompileThreshold() {
        assertThat(command(List.of()).toString()).contains(JvmCommand.JIT_OPTIONS);
        assertThat(command(List.of("-XX:CompileThresholdScaling=0.5")).toString())
                .doesNotContain("Tier3").contains("-XX:CompileThresholdScaling=0.5");
    }

    @Test
    void theSerialCollectorIsTheDefaultUnlessTheOptionsNameAnother() {
        assertThat(command(List.of()).toString()).contains("-XX:+UseSerialGC");
        assertThat(command(List.of("-XX:+UseParallelGC")).toString()).doesNotContain("SerialGC");
    }

    @Test
    void aChildIsToldTheJdksSelectorProviderByNameUnlessItsOptionsNameOne() {
        String jdks = "-D" + SELECTOR_PROVIDER + "=" + SelectorProvider.provider().getClass().getName();
        assertThat(command(List.of()).toString()).contains(jdks);

        String own = "-D" + SELECTOR_PROVIDER + "=my.Provider";
        assertThat(command(List.of(own)).toString()).contains(own).doesNotContain(jdks);
        assertThat(JvmCommand.of("tests", List.of(), Map.of(SELECTOR_PROVIDER, "my.Provider"), List.of("app.jar"),
                "app.Main", null).toString()).contains(own).doesNotContain(jdks);
    }

    @Test
    void optionsThatChooseClassDataSharingThemselvesReplaceTheArchive(@TempDir Path cache) throws Exception {
        Path jar = cache.resolve("app.jar");
        new JarOutputStream(Files.newOutputStream(jar)).close();
        List<String> own = List.of("-Xshare:off", "-XX:SharedArchiveFile=my.jsa", "-XX:AOTCache=my.aot",
                "-XX:+AutoCreateSharedArchive", "-XX:ArchiveClassesAtExit=my.jsa");
        for (String option : own) {
            JvmCommand command = JvmCommand.of("tests", List.of(option), Map.of(), List.of(jar.toString()), "app.Main",
                    cache);
            assertThat(command.next(new AtomicBoolean())).as(option).containsOnlyOnce(option)
                    .noneMatch(argument -> argument.contains(cache.toString()) && !argument.endsWith("app.jar"));
        }
        assertThat(JvmCommand.of("tests", List.of(), Map.of(), List.of(jar.toString()), "app.Main", cache)
                .next(new AtomicBoolean())).anyMatch(argument -> argument.contains(cache.toString())
                && !argument.endsWith("app.jar"));
    }

    private static JvmCommand command(List<String> options) {
        return JvmCommand.of("tests", options, Map.of(), List.of("app.jar"), "app.Main", null);
    }
}
