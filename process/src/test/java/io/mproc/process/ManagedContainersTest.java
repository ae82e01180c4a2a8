package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
    void popItemTakesTheEntryAddedLastInAnotherProcessAndFailsOnAnEmptyDict() {
        SharedDict<String, Integer> dict = context.manager().dict();
        dict.put("first", 1);
        assertThat(context.process(ManagedContainersTest::putLast, dict).start().join(Duration.ofSeconds(30)))
                .isTrue();
        assertThat(dict.popItem()).isEqualTo(Map.entry("last", 2));
        assertThat(dict.popItem()).isEqualTo(Map.entry("first", 1));
        assertThatThrownBy(dict::popItem).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("the dict is empty");
    }

    @Test
    void aNamespaceAttributeSetInAChildCanBeDeletedAndTheNamespacePrintsItsAttributes() {
        SharedNamespace namespace = context.manager().namespace();
        namespace.set("a", 1);
        assertThat(context.process(ManagedContainersTest::setB, namespace).start().join(Duration.ofSeconds(30)))
                .isTrue();
        assertThat(namespace).hasToString("Namespace(a=1, b=x)");
        assertThat(namespace.delete("a")).isTrue();
        assertThat(namespace.delete("a")).isFalse();
        assertThat(namespace.<Integer>get("a")).isNull();
        assertThat(namespace).hasToString("Namespace(b=x)");
    }

    @Test
    void theManagersBoundedAndJoinableQueuesAreTheContextsQueues() {
        SharedQueue<Integer> bounded = context.manager().queue(1);
        bounded.putNowait(1);
        assertThatThrownBy(() -> bounded.putNowait(2)).isInstanceOf(QueueFullException.class);
        SharedJoinableQueue<String> joinable = context.manager().joinableQueue();
        joinable.put("job");
        assertThat(joinable.get()).isEqualTo("job");
        joinable.taskDone();
        joinable.join();
    }

    @Test
    void aManagerValueAndArraySetInAChildAreSeenByTheParentAndTheArrayKeepsItsLength() {
        SharedValue<String> value = context.manager().value("start");
        SharedList<Integer> array = context.manager().array(List.of(1, 2, 3));
        assertThat(context.process(ManagedContainersTest::updateValueAndArray, value, array).start()
                .join(Duration.ofSeconds(30))).isTrue();
        assertThat(value.get()).isEqualTo("from the child");
        assertThat(value.set("again")).isEqualTo("from the child");
        assertThat(array).containsExactly(1, 20, 3);
        assertThatThrownBy(() -> array.add(4)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("length is fixed");
        assertThat(array).hasSize(3);
    }

    private static void updateValueAndArray(SharedValue<String> value, SharedList<Integer> array) {
        value.set("from the child");
        array.set(1, array.get(1) * 10);
    }

    private static void putLast(SharedDict<String, Integer> dict) {
        dict.put("last", 2);
    }

    private static void setB(SharedNamespace namespace) {
        namespace.set("b", "x");
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
