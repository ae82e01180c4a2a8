package io.mproc.internal.launch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many JVMs this machine can hold, checked before any is launched, so that a mistaken count (say 100000
 * workers) is refused at once instead of driving the machine into swap or the OOM killer. A JVM is estimated at
 * its heap ({@code -Xmx}, else {@code -Xms}) plus {@link #NON_HEAP_BYTES} where its options give one, and at
 * {@link #IDLE_JVM_BYTES}, the measured resident size of an idle worker, where they do not (the JVM's default
 * heap only grows as tasks use it). Internal to mproc; thread-safe.
 */
public final class LaunchCapacity {

    /** The resident size of an idle worker JVM, measured at about 45 MB and rounded up. */
    public static final long IDLE_JVM_BYTES = 48L << 20;
    /** What a JVM takes besides its heap: metaspace, code cache, thread stacks, the JVM itself. */
    public static final long NON_HEAP_BYTES = 32L << 20;

    private static final Pattern HEAP = Pattern.compile("-Xm([xs])(\\d+)([kmgt]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEM_AVAILABLE = Pattern.compile("(?m)^MemAvailable:\\s+(\\d+) kB$");
    /** A cgroup's memory limit and usage: v2, then v1. A limit of "max" (none) does not parse, so it is skipped. */
    private static final String[][] CGROUP_LIMIT_AND_USAGE = {
        {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},
        {"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"},
    };
    private static final String SIZE_SUFFIXES = "kmgt";
    /** Heaps are counted up to this size (1 PiB), which no machine has, so that sums cannot overflow. */
    private static final long MAX_HEAP = 1L << 50;

    private LaunchCapacity() {
    }

    /** The processors this JVM may use. */
    public static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** How many JVMs may be starting at once: two per processor, so that start-up saturates the CPUs and no more. */
    public static int maxStartingAtOnce() {
        return 2 * cpus();
    }

    /**
     * Checks that {@code count} more JVMs with these options fit in the memory available now, besides
     * {@code running} JVMs of the same kind that were counted against it before.
     *
     * @param count      JVMs about to start
     * @param running    JVMs of the same kind already running, whose memory is partly counted in use already
     * @param jvmOptions the JVMs' options, for their heap
     * @param noun       what a JVM is called in the message, singular ("worker", "child process")
     * @throws IllegalArgumentException naming the count, the estimate per JVM, the memory available, and the
     *                                  largest count that fits
     */
    public static void requireMemoryFor(int count, int running, List<String> jvmOptions, String noun) {
        long perJvm = perJvmBytes(jvmOptions);
        long available = availableMemoryBytes() + times(running, perJvm);
        long fitting = available / perJvm;
        long total = count + (long) running;
        if (total <= fitting) {
            return;
        }
        String jvms = total == 1 ? "1 " + noun + " does" : total + " " + plural(noun) + " do";
        throw new IllegalArgumentException(jvms + " not fit in this machine's memory: each takes about "
                + formatBytes(perJvm) + " (" + basis(jvmOptions) + "), " + total + " take "
                + formatBytes(times(total, perJvm)) + ", and " + formatBytes(available) + " are available; use at most "
                + Math.max(0, fitting - running) + " " + (fitting - running == 1 ? noun : plural(noun))
                + (maxHeapBytes(jvmOptions).isPresent() ? " or a smaller heap" : "")
                + " (this machine has " + cpus() + " CPUs)");
    }

    /** A warning when {@code workers} JVMs would run on fewer CPUs, else empty. */
    public static Optional<String> oversubscription(int workers, String noun) {
        int cpus = cpus();
        if (workers <= cpus) {
            return Optional.empty();
        }
        String fewer = cpus + " " + plural(noun);
        return Optional.of(workers + " " + plural(noun) + " on " + cpus + " CPUs: the CPUs are oversubscribed, so "
                + "CPU-bound tasks run no faster than with " + fewer + " and start-up takes longer; use at most "
                + fewer + " unless the tasks mostly wait");
    }

    /** The estimated resident size of one JVM with these options. */
    public static long perJvmBytes(List<String> jvmOptions) {
        return maxHeapBytes(jvmOptions).map(heap -> Math.max(IDLE_JVM_BYTES, heap + NON_HEAP_BYTES))
                .orElse(IDLE_JVM_BYTES);
    }

    /**
     * Physical memory available for new processes: {@code MemAvailable} of {@code /proc/meminfo}, or less where
     * this JVM's cgroup (v2 or v1) has a lower limit; where {@code /proc/meminfo} is missing, the free memory the
     * JVM reports. Files first, as the JVM's management beans take about 30 ms to load.
     */
    public static long availableMemoryBytes() {
        Optional<Long> host = read("/proc/meminfo").flatMap(meminfo -> kilobytes(MEM_AVAILABLE, meminfo));
        if (host.isEmpty()) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return os.getFreeMemorySize();
        }
        long available = host.get();
        for (String[] files : CGROUP_LIMIT_AND_USAGE) {
            Optional<Long> limit = read(files[0]).flatMap(LaunchCapacity::number);
            Optional<Long> usage = read(files[1]).flatMap(LaunchCapacity::number);
            if (limit.isPresent() && usage.isPresent()) {
                available = Math.min(available, Math.max(0, limit.get() - usage.get()));
            }
        }
        return available;
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> maxHeapBytes(List<String> jvmOptions) {
        Long max = null;
        Long initial = null;
        for (String option : jvmOptions) {
            Matcher matcher = HEAP.matcher(option);
            if (matcher.matches()) {
                long bytes = bytes(matcher.group(2), matcher.group(3));
                if (matcher.group(1).equalsIgnoreCase("x")) {
                    max = bytes;
                } else {
                    initial = bytes;
                }
            }
        }
        return max != null ? Optional.of(max) : Optional.ofNullable(initial);
    }

    private static String plural(String noun) {
        return noun.endsWith("s") ? noun + "es" : noun + "s";
    }

    private static String basis(List<String> jvmOptions) {
        return maxHeapBytes(jvmOptions).map(heap -> "a heap of " + formatBytes(heap) + " plus "
                        + formatBytes(NON_HEAP_BYTES) + " besides")
                .orElse("the footprint of an idle JVM; more as its heap grows");
    }

    private static long bytes(String digits, String suffix) {
        int shift = suffix.isEmpty() ? 0 : 10 * (SIZE_SUFFIXES.indexOf(suffix.toLowerCase(Locale.ROOT)) + 1);
        try {
            long amount = Long.parseLong(digits);
            return amount > MAX_HEAP >> shift ? MAX_HEAP : amount << shift;
        } catch (NumberFormatException e) {
            return MAX_HEAP;
        }
    }

    private static long times(long count, long bytes) {
        try {
            return Math.multiplyExact(count, bytes);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Optional<Long> kilobytes(Pattern field, String meminfo) {
        Matcher matcher = field.matcher(meminfo);
        return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1)) * 1024) : Optional.empty();
    }

    private static String formatBytes(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
