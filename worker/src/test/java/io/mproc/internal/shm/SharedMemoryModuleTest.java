package io.mproc.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.BooleanValue;
import io.mproc.DoubleArray;
import io.mproc.DoubleValue;
import io.mproc.IntArray;
import io.mproc.IntValue;
import io.mproc.LongArray;
import io.mproc.LongValue;
import io.mproc.SharedObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

class SharedMemoryModuleTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new SharedMemoryModule()).build();

    @TempDir
    Path directory;

    private SharedSegment segment;

    @BeforeEach
    void createSegment() {
        segment = SharedSegment.create(directory, 1024 * 1024);
    }

    @AfterEach
    void closeSegment() {
        segment.close();
    }

    @Test
    void handleIsTheSegmentPathAndTheName() {
        LongValue counter = segment.newLongValue("counter", 0, true);
        assertThat(JSON.writeValueAsString(counter))
                .isEqualTo("{\"segment\":" + JSON.writeValueAsString(segment.path().toString())
                        + ",\"name\":\"counter\"}");
    }

    @Test
    void handleReadInTheSameJvmIsTheSameObject() {
        List<SharedObject> objects = List.of(
                segment.newLongValue("l", 1, true), segment.newIntValue("i", 2, false),
                segment.newDoubleValue("d", 3, true), segment.newBooleanValue("b", true, false),
                segment.newLongArray("la", 4, true), segment.newIntArray("ia", 5, false),
                segment.newDoubleArray("da", 6, true));
        List<Class<? extends SharedObject>> types = List.of(LongValue.class, IntValue.class, DoubleValue.class,
                BooleanValue.class, LongArray.class, IntArray.class, DoubleArray.class);
        for (int i = 0; i < objects.size(); i++) {
            String handle = JSON.writeValueAsString(objects.get(i));
            assertThat(JSON.readValue(handle, types.get(i))).isSameAs(objects.get(i));
            assertThat(JSON.readValue(handle, SharedObject.class)).isSameAs(objects.get(i));
        }
    }

    @Test
    void handlesInsideARecordTravelThroughCbor() {
        LongValue counter = segment.newLongValue("counter", 1, true);
        DoubleArray samples = segment.newDoubleArray("samples", 2, false);
        ObjectMapper cbor = CBORMapper.builder().addModule(new SharedMemoryModule()).build();

        Handles read = cbor.readValue(cbor.writeValueAsBytes(new Handles(counter, samples)), Handles.class);

        assertThat(read.counter()).isSameAs(counter);
        assertThat(read.samples()).isSameAs(samples);
    }

    @Test
    void handleReadThroughAnotherMappingReachesTheSameMemory() throws Exception {
        LongValue counter = segment.newLongValue("counter", 1, true);
        Path link = Files.createSymbolicLink(directory.resolve("link.shm"), segment.path());
        String handle = "{\"name\":\"counter\",\"segment\":" + JSON.writeValueAsString(link.toString()) + "}";

        LongValue read = JSON.readValue(handle, LongValue.class);
        try {
            assertThat(read).isNotSameAs(counter);
            read.addAndGet(41);
            assertThat(counter.get()).isEqualTo(42);
        } finally {
            SharedSegment.attach(link).close();
        }
    }

    @Test
    void handleOfTheWrongTypeFailsSayingTheActualType() {
        String handle = JSON.writeValueAsString(segment.newIntArray("ints", 3, true));
        assertThatThrownBy(() -> JSON.readValue(handle, LongValue.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("cannot read LongValue 'ints': shared object 'ints' is an IntArray, not a"
                        + " LongValue");
    }

    @Test
    void handleOfAClosedSegmentFailsNamingTheFile() {
        String handle = JSON.writeValueAsString(segment.newLongValue("counter", 0, true));
        segment.close();
        assertThatThrownBy(() -> JSON.readValue(handle, LongValue.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("cannot read LongValue 'counter': there is no shared-memory segment at "
                        + segment.path());
    }

    @Test
    void handleWithoutANameFails() {
        String handle = "{\"segment\":" + JSON.writeValueAsString(segment.path().toString()) + "}";
        assertThatThrownBy(() -> JSON.readValue(handle, LongValue.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("a LongValue handle needs both 'segment' and 'name'");
        assertThatThrownBy(() -> JSON.readValue("42", LongValue.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("a LongValue handle is an object with 'segment' and 'name'");
    }
}
