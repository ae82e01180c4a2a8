package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.NotTransferableException;
import io.mproc.internal.wire.WireCodec;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.cbor.CBORGenerator;

/** How values are encoded for queues, pipes and the manager: types kept, and only value classes made. */
class MessagesTest {

    @Test
    void longsStayLongsAndIntegersIntegersInsideCollections() {
        List<Object> numbers = new ArrayList<>(List.of(1, 2L, 3.5, Long.MAX_VALUE, (short) 4, 5.5f));
        List<Object> copy = Messages.copy(numbers);
        assertThat(copy).containsExactlyElementsOf(numbers);
        assertThat(copy).extracting(Object::getClass).containsExactly(Integer.class, Long.class, Double.class,
                Long.class, Short.class, Float.class);
    }

    @Test
    void mapsKeepRecordKeysTheirKindAndTheirOrder() {
        Map<Point, List<Point>> routes = new LinkedHashMap<>();
        routes.put(new Point(2, 2), List.of(new Point(3, 3)));
        routes.put(new Point(1, 1), List.of());
        assertThat(Messages.copy(routes)).isInstanceOf(LinkedHashMap.class).isEqualTo(routes);
        assertThat(Messages.copy(routes).keySet()).containsExactly(new Point(2, 2), new Point(1, 1));
        assertThat(Messages.copy(new TreeMap<>(Map.of("b", 1, "a", 2)))).isInstanceOf(TreeMap.class);
        assertThat(Messages.copy(new HashMap<>(Map.of("a", 1)))).isExactlyInstanceOf(HashMap.class);
        assertThat(Messages.copy(new LinkedList<>(List.of(1)))).isInstanceOf(LinkedList.class);
    }

    @Test
    void aRecordWhoseClassRepeatsIsNamedOnceInTheMessage() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            points.add(new Point(i, i));
        }
        int length = Messages.encode(points);
        assertThat(length).isLessThan(100 * 16);
        assertThat(Messages.copy(points)).containsExactlyElementsOf(points);
    }

    @Test
    void sendingAnObjectThatIsNotAValueFailsAtTheSenderNamingItsClass() {
        assertThatThrownBy(() -> Messages.encode(List.of(new Thread())))
                .isInstanceOf(NotTransferableException.class).hasMessageContaining("java.lang.Thread");
    }

    @Test
    void aMessageNamingAJdkClassThatIsNotAValueIsRefusedWithoutMakingOne() {
        byte[] message = objectMessage(ProcessBuilder.class.getName());
        assertThatThrownBy(() -> Messages.fromBytes(message)).isInstanceOf(NotTransferableException.class)
                .hasMessageContaining("java.lang.ProcessBuilder").hasMessageContaining("not a value class");
    }

    @Test
    void aMessageNamingAClassThisJvmLacksSaysToPutItOnTheClasspath() {
        byte[] message = objectMessage("com.example.Missing");
        assertThatThrownBy(() -> Messages.fromBytes(message)).isInstanceOf(NotTransferableException.class)
                .hasMessageContaining("com.example.Missing").hasMessageContaining("classpath");
    }

    /** A message as a sender would write one for an object of the named class, with an empty object. */
    private static byte[] objectMessage(String className) {
        byte[] template = Messages.toBytes(new Point(1, 2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(template[0]);
        try (CBORGenerator generator = (CBORGenerator) WireCodec.MAPPER.createGenerator(bytes)) {
            generator.writeTag(TypedValues.OBJECT);
            generator.writeStartArray();
            generator.writeString(className);
            generator.writeStartObject();
            generator.writeEndObject();
            generator.writeEndArray();
        }
        return bytes.toByteArray();
    }

    record Point(int x, int y) {
    }
}
