package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The manager's list and dict behave as Python's: copies of elements, insertion order, no change mid-iteration. */
class ManagedContainersTest {

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aDictIteratesInInsertionOrder() {
        SharedDict<Integer, String> dict = context.manager().dict();
        List<Integer> keys = new ArrayList<>(IntStream.range(0, 200).boxed().toList());
        Collections.shuffle(keys, new java.util.Random(7));
        keys.forEach(key -> dict.put(key, "v" + key));
        dict.remove(keys.get(0));
        dict.put(keys.get(0), "again");
        List<Integer> expected = new ArrayList<>(keys.subList(1, keys.size()));
        expected.add(keys.get(0));
        assertThat(new ArrayList<>(dict.keySet())).containsExactlyElementsOf(expected);
        assertThat(dict.copy().keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void iteratingADictWhoseKeysChangedMeanwhileFailsWithConcurrentModification() {
        SharedDict<String, Integer> dict = context.manager().dict();
        dict.put("a", 1);
        dict.put("b", 2);
        Iterator<Map.Entry<String, Integer>> entries = dict.entrySet().iterator();
        assertThat(entries.next().getKey()).isEqualTo("a");
        dict.put("c", 3);
        assertThatThrownBy(entries::next).isInstanceOf(ConcurrentModificationException.class)
                .hasMessageContaining("changed");
    }

    @Test
    void iteratingADictWhoseValuesChangedMeanwhileGoesOn() {
        SharedDict<String, Integer> dict = context.manager().dict();
        dict.put("a", 1);
        dict.put("b", 2);
        Iterator<String> keys = dict.keySet().iterator();
        assertThat(keys.next()).isEqualTo("a");
        dict.put("a", 10);
        assertThat(keys.next()).isEqualTo("b");
        assertThat(keys.hasNext()).isFalse();
    }

    @Test
    void aMutableElementAddedFromTheCoordinatorIsCopied() {
        SharedList<List<Integer>> list = context.manager().list();
        List<Integer> local = new ArrayList<>(List.of(1));
        list.add(local);
        local.add(2);
        assertThat(list.get(0)).containsExactly(1);
        list.get(0).add(3);
        assertThat(list.get(0)).containsExactly(1);
    }

    @Test
    void aMutableValuePutInADictFromTheCoordinatorIsCopied() {
        SharedDict<String, List<Integer>> dict = context.manager().dict();
        List<Integer> local = new ArrayList<>(List.of(1));
        dict.put("k", local);
        local.add(2);
        assertThat(dict.get("k")).containsExactly(1);
    }
}
