package io.mproc.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmCommandTest {

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

    private static JvmCommand command(List<String> options) {
        return JvmCommand.of("tests", options, Map.of(), List.of("app.jar"), "app.Main", null);
    }
}
