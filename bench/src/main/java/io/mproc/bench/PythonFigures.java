package io.mproc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Runs one figure of a Python script in bench/python and returns its JSON fields. */
final class PythonFigures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path scripts;

    PythonFigures(Path scripts) {
        this.scripts = scripts;
    }

    Map<String, Double> run(String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("python3", scripts.resolve(script).toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue());
            }
            Map<String, Object> fields = JSON.readValue(out, Map.class);
            Map<String, Double> figures = new java.util.LinkedHashMap<>();
            fields.forEach((key, value) -> figures.put(key, ((Number) value).doubleValue()));
            return figures;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run python3 (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
