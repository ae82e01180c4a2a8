package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FunctionCacheTest {

    @Test
    void agreesWithTheWorkersAccessOrderedMapOnEveryTouch() {
        int capacity = 8;
        Map<Integer, Boolean> worker = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
                return size() > capacity;
            }
        };
        FunctionCache cache = new FunctionCache(capacity);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            int id = random.nextInt(12);
            boolean held = worker.get(id) != null;
            if (!held) {
                worker.put(id, Boolean.TRUE);
            }
            assertThat(cache.touch(id)).as("touch #%d of id %d", i, id).isEqualTo(held);
        }
    }

    @Test
    void theLeastRecentlyUsedIsEvictedWhenFull() {
        FunctionCache cache = new FunctionCache(2);
        cache.touch(1);
        cache.touch(2);
        cache.touch(1);
        cache.touch(3);

        assertThat(cache.touch(1)).isTrue();
        assertThat(cache.touch(2)).as("evicted").isFalse();
    }
}
