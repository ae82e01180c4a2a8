package io.mproc.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's headless Chromium, loading a page and dumping its DOM or a screenshot, with its console errors. */
record Chromium(String dom, List<String> consoleErrors) {

    private static final Pattern DONE = Pattern.compile("id=\"progress\" data-done=\"([0-9.]+)\"");

    static Chromium dump(URI page, Path profile) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("chromium", ".log");
        Process process = start(profile, stderr, "--enable-logging=stderr", "--v=0", "--dump-dom", page.toString());
        String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        finish(process);
        List<String> errors = new ArrayList<>();
        for (String line : Files.readAllLines(stderr)) {
            if (line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("rror"))) {
                errors.add(line);
            }
        }
        Files.delete(stderr);
        return new Chromium(dom, errors);
    }

    static void screenshot(URI page, Path profile, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Process process = start(profile, Path.of("/dev/null"), "--window-size=1200,900",
                "--screenshot=" + file.toAbsolutePath(), page.toString());
        process.getInputStream().readAllBytes();
        finish(process);
    }

    int workerRows() {
        return dom.split("class=\"worker\"", -1).length - 1;
    }

    double tasksDone() {
        Matcher done = DONE.matcher(dom);
        return done.find() ? Double.parseDouble(done.group(1)) : -1;
    }

    private static Process start(Path profile, Path stderr, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=3000"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    private static void finish(Process process) throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 60 s");
        }
    }
}
