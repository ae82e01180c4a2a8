package io.mproc.worker;

import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.FunctionDefinition;
import io.mproc.internal.wire.MethodReference;
import io.mproc.internal.wire.ValueCodec;
import io.mproc.internal.wire.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * What a worker's first connection and first tasks set up, done ahead. A spare does all of it while it waits. A
 * worker that records the class-data sharing archive does, before it exits, what every worker needs, so that the
 * archive holds those classes whichever tasks it happened to run; not databind, which only tasks with other values
 * than numbers, strings, booleans and plain records use: each class in the archive costs every worker resident memory, as the JVM
 * maps the archive at a random address and so writes to all its pages ({@code ArchiveRelocationMode=1}, the default
 * of Java 17.0.15 and 25); with databind, an idle worker's RSS was 46.9 MB against 38.5.
 */
final class WarmUp {

    private WarmUp() {
    }

    /**
     * Watching the parent process, a selector and a Unix socket, one chunk run as a task's would be (a method
     * reference loaded into a method handle, its argument read and its result written with the streaming codec),
     * and a plain record written and read.
     */
    static void commonPath() {
        ProcessHandle.current().parent().ifPresent(ProcessHandle::onExit);
        try (Selector selector = Selector.open();
             SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.configureBlocking(false);
        } catch (IOException | UnsupportedOperationException e) {
            // nothing prepared: connecting will say what is wrong
        }
        runChunk();
        ValueCodec.fromBytes(ValueCodec.toBytes(new Sample(1, "warm")), ValueCodec.readerFor(Sample.class.getName()));
    }

    /** The common path and Jackson databind, which a worker builds when a task's values first need it. */
    static void everything() {
        commonPath();
        FunctionDefinition definition = new FunctionDefinition(0, (byte) 0, List.of("java.lang.Object"),
                "java.lang.Object", new byte[1]);
        WireCodec.MAPPER.readValue(WireCodec.MAPPER.writeValueAsBytes(definition), FunctionDefinition.class);
        WireCodec.MAPPER.readValue(WireCodec.MAPPER.writeValueAsBytes(Map.of("warm", List.of(1L, "up"))), Map.class);
    }

    private record Sample(int number, String text) {
    }

    private static void runChunk() {
        String integer = Integer.class.getName();
        LoadedFunction function = LoadedFunction.load(new FunctionDefinition(0, FunctionDefinition.METHOD_REFERENCE,
                List.of(integer), integer, MethodReference.ABSOLUTE_VALUE.encode()));
        ByteArrayOutputStream argument = new ByteArrayOutputStream();
        try (JsonGenerator generator = ValueCodec.generator(argument)) {
            ValueCodec.write(generator, -1);
        }
        new ChunkRunner(new FrameWriter(256, 1024), 0, nanos -> { }, () -> { })
                .run(new WorkItem.Chunk(0, function, 1, argument.toByteArray()));
    }
}
