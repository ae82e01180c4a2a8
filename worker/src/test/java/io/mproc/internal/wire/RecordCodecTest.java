package io.mproc.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    record Point(int x, long y, double weight, boolean seen, String label) {
    }

    record Boxes(Integer count, Long total, Double mean, Boolean done, String note) {
    }

    record Shape(Point corner, Map<String, String> tags, byte[] payload) {
    }

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive: " + value);
            }
        }
    }

    record Renamed(@JsonProperty("n") int count) {
    }

    record WithGetter(int count) {
        public int getDouble() {
            return 2 * count;
        }
    }

    record Link(int value, Link next) {
    }

    record Listed(List<String> names, List<Long> counts) {
    }

    record Points(List<Point> points) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle")})
    interface Figure {
    }

    record Circle(double radius) implements Figure {
    }

    interface Counted {
        @JsonProperty("n")
        int count();
    }

    record Tally(int count) implements Counted {
    }

    @Test
    void plainRecordsAreWrittenAsDatabindReadsThem() throws Exception {
        Point point = new Point(-3, 1L << 40, 0.25, true, "corner");
        byte[] bytes = ValueCodec.toBytes(point);

        assertThat(WireCodec.MAPPER.readValue(bytes, Point.class)).isEqualTo(point);
        assertThat(WireCodec.MAPPER.readTree(bytes).propertyNames()).containsExactly("x", "y", "weight", "seen",
                "label");
    }

    @Test
    void plainRecordsAreReadAsDatabindWritesThem() throws Exception {
        Shape shape = new Shape(new Point(1, 2, 3.5, false, null), Map.of("colour", "red", "size", "big"),
                new byte[] {1, 2, 3});

        Shape read = (Shape) ValueCodec.fromBytes(WireCodec.MAPPER.writeValueAsBytes(shape),
                ValueCodec.readerFor(Shape.class.getName()));

        assertThat(read.corner()).isEqualTo(shape.corner());
        assertThat(read.tags()).isEqualTo(shape.tags());
        assertThat(read.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void listsOfScalarsRoundTripBothWays() throws Exception {
        Listed listed = new Listed(Arrays.asList("a", null, "c"), List.of(1L, 1L << 50));
        ValueCodec.Reader reader = ValueCodec.readerFor(Listed.class.getName());

        assertThat(RecordCodec.of(Listed.class)).isNotNull();
        assertThat(ValueCodec.fromBytes(ValueCodec.toBytes(listed), reader)).isEqualTo(listed);
        assertThat(ValueCodec.fromBytes(WireCodec.MAPPER.writeValueAsBytes(listed), reader)).isEqualTo(listed);
        assertThat(WireCodec.MAPPER.readValue(ValueCodec.toBytes(listed), Listed.class)).isEqualTo(listed);
    }

    @Test
    void nullComponentsAndNullRecordsRoundTrip() {
        Boxes empty = new Boxes(null, null, null, null, null);
        ValueCodec.Reader reader = ValueCodec.readerFor(Boxes.class.getName());

        assertThat(ValueCodec.fromBytes(ValueCodec.toBytes(empty), reader)).isEqualTo(empty);
        assertThat(ValueCodec.fromBytes(ValueCodec.toBytes(null), reader)).isNull();
    }

    @Test
    void missingComponentsTakeTheirDefaultsAsInDatabind() {
        Object read = ValueCodec.fromBytes(WireCodec.MAPPER.writeValueAsBytes(Map.of("label", "only")),
                ValueCodec.readerFor(Point.class.getName()));

        assertThat(read).isEqualTo(new Point(0, 0, 0, false, "only"))
                .isEqualTo(WireCodec.MAPPER.convertValue(Map.of("label", "only"), Point.class));
    }

    @Test
    void theCanonicalConstructorChecksWhatIsRead() {
        byte[] bytes = WireCodec.MAPPER.writeValueAsBytes(Map.of("value", -1));

        assertThatThrownBy(() -> ValueCodec.fromBytes(bytes, ValueCodec.readerFor(Positive.class.getName())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("value must be positive: -1");
    }

    @Test
    void aComponentOfAnotherKindIsAClearError() {
        byte[] bytes = WireCodec.MAPPER.writeValueAsBytes(Map.of("x", "three"));

        assertThatThrownBy(() -> ValueCodec.fromBytes(bytes, ValueCodec.readerFor(Point.class.getName())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Point.class.getName()).hasMessageContaining("'x'")
                .hasMessageContaining("VALUE_STRING");
    }

    @Test
    void anUnknownComponentIsAClearError() {
        byte[] bytes = WireCodec.MAPPER.writeValueAsBytes(Map.of("z", 1));

        assertThatThrownBy(() -> ValueCodec.fromBytes(bytes, ValueCodec.readerFor(Point.class.getName())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no component 'z'");
    }

    @Test
    void recordsThatDatabindWouldWriteOtherwiseAreLeftToIt() throws Exception {
        assertThat(RecordCodec.of(Renamed.class)).isNull();
        assertThat(RecordCodec.of(WithGetter.class)).isNull();
        assertThat(RecordCodec.of(Link.class)).isNull();
        assertThat(RecordCodec.of(Points.class)).isNull();
        assertThat(RecordCodec.of(Tally.class)).isNull();
        assertThat(RecordCodec.of(Point.class)).isNotNull();

        assertThat(WireCodec.MAPPER.readTree(ValueCodec.toBytes(new Renamed(4))).propertyNames())
                .containsExactly("n");
        assertThat(ValueCodec.fromBytes(ValueCodec.toBytes(new Renamed(4)),
                ValueCodec.readerFor(Renamed.class.getName()))).isEqualTo(new Renamed(4));
    }

    @Test
    void recordsOfAnInterfaceWithTypeIdsKeepThem() {
        assertThat(RecordCodec.of(Circle.class)).isNull();
        assertThat(ValueCodec.fromBytes(ValueCodec.toBytes(new Circle(2)), ValueCodec.readerFor(Figure.class.getName())))
                .isEqualTo(new Circle(2));
    }
}
