package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.TaskFunction;
import io.mproc.internal.wire.Frame;
import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.ValueCodec;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.core.JsonParser;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InputBlockTest {

    private static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    private final FunctionHandle echo = new Functions().of(new Echo());

    @Test
    void chunksCutAnywhereInABlockOfManyPagesCarryExactlyTheirInputs() throws Exception {
        List<String> inputs = IntStream.range(0, 30_000).mapToObj(i -> i + "-" + "x".repeat(i % 97)).toList();
        InputBlock block = InputBlock.encodeAll(inputs, echo);

        assertThat(block.count).isEqualTo(inputs.size());
        assertThat(block.lengthOf(0, block.count)).as("bytes, over several 64 KiB pages").isGreaterThan(1 << 20);
        for (int[] chunk : new int[][] {{0, 1}, {0, inputs.size()}, {1234, 5678}, {29_999, 1}, {655, 1}}) {
            assertThat(itemsWritten(block, chunk[0], chunk[1]))
                    .isEqualTo(inputs.subList(chunk[0], chunk[0] + chunk[1]));
        }
        for (int from = 0; from < inputs.size(); from += 997) {
            int n = Math.min(1500, inputs.size() - from);
            assertThat(itemsWritten(block, from, n)).as("items from %d", from)
                    .isEqualTo(inputs.subList(from, from + n));
        }
    }

    @Test
    void anInputLargerThanAPageIsWrittenWhole() throws Exception {
        List<String> inputs = List.of("a", "b".repeat(200_000), "c");
        InputBlock block = InputBlock.encodeAll(inputs, echo);

        assertThat(itemsWritten(block, 0, 3)).isEqualTo(inputs);
        assertThat(itemsWritten(block, 1, 1)).containsExactly(inputs.get(1));
    }

    @Test
    void inputsWithoutASizeAreEncodedAsTheyCome() throws Exception {
        List<String> inputs = IntStream.range(0, 5000).mapToObj(Integer::toString).toList();
        Iterable<String> noSize = inputs::iterator;
        InputBlock block = InputBlock.encodeAll(noSize, echo);

        assertThat(block.count).isEqualTo(5000);
        assertThat(itemsWritten(block, 0, 5000)).isEqualTo(inputs);
    }

    private static List<String> itemsWritten(InputBlock block, int from, int n) throws Exception {
        FrameWriter writer = new FrameWriter(1024, MAX_PAYLOAD);
        writer.begin(Frame.TASK, (byte) 0, 1);
        block.writeItems(from, n, writer);
        writer.end();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(writer.flushTo(Channels.newChannel(bytes))).isTrue();
        byte[] frame = bytes.toByteArray();
        List<String> items = new ArrayList<>();
        try (JsonParser parser = ValueCodec.parser(frame, Frame.HEADER_LENGTH, frame.length - Frame.HEADER_LENGTH)) {
            for (int i = 0; i < n; i++) {
                parser.nextToken();
                items.add(parser.getString());
            }
            assertThat(parser.nextToken()).as("nothing after the chunk's items").isNull();
        }
        return items;
    }

    static final class Echo implements TaskFunction<String, String> {
        @Override
        public String apply(String input) {
            return input;
        }
    }
}
