package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ResultListTest {

    @Test
    void holdsResultsPutInAnyOrderAcrossPages() {
        int size = 3 * ResultList.PAGE_SIZE + 17;
        ResultList<Integer> results = new ResultList<>(size);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            expected.add(i * 3);
        }
        for (int i = size - 1; i >= 0; i -= 2) {
            results.put(i, i * 3);
        }
        for (int i = size - 2; i >= 0; i -= 2) {
            results.put(i, i * 3);
        }

        assertThat(results).hasSize(size).isEqualTo(expected).isInstanceOf(RandomAccess.class);
        assertThat(results.hashCode()).isEqualTo(expected.hashCode());
        assertThat(results.get(size - 1)).isEqualTo((size - 1) * 3);
    }

    @Test
    void aNullResultIsKept() {
        ResultList<String> results = new ResultList<>(2);
        results.put(0, null);
        results.put(1, "b");

        assertThat(results).containsExactly(null, "b");
    }

    @Test
    void travelsByJavaSerializationAsAnEqualList() throws Exception {
        ResultList<String> results = new ResultList<>(ResultList.PAGE_SIZE + 1);
        for (int i = 0; i <= ResultList.PAGE_SIZE; i++) {
            results.put(i, i % 7 == 0 ? null : "r" + i);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(results);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(results);
        }
    }

    @Test
    void isUnmodifiableAndChecksIndexes() {
        ResultList<String> results = new ResultList<>(1);
        results.put(0, "a");

        assertThatThrownBy(() -> results.set(0, "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> results.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> results.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> results.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
