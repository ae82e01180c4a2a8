package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A proxy stored in a managed container, or sent in a message, reaches another process as a working proxy. */
class ProxiesInMessagesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aListAQueueAndLocksStoredInAManagerDictReachAChildAsWorkingProxies() {
        SharedDict<String, Object> dict = context.manager().dict();
        SharedList<String> list = context.manager().list();
        SharedQueue<String> queue = context.queue();
        dict.put("list", list);
        dict.put("queue", queue);
        dict.put("lock", context.lock());
        dict.put("managerLock", context.manager().lock());
        dict.put("proxies", List.of(list, queue));
        ChildProcess child = context.process(ProxiesInMessagesTest::useProxiesFromDict, dict).start();
        assertThat(queue.get(WAIT)).isEqualTo("from the queue in the dict");
        assertThat(queue.get(WAIT)).isEqualTo("from the queue in a list in the dict");
        assertExitedNormally(child);
        assertThat(list).containsExactly("from the list in the dict", "from the list in a list in the dict");
        assertThat(((SharedLock) dict.get("lock")).acquire(Duration.ZERO)).isTrue();
    }

    @Test
    void aManagedListStoredInAManagerListReachesAChildAsAWorkingList() {
        SharedList<Integer> inner = context.manager().list();
        SharedList<Object> outer = context.manager().list(List.of(inner));
        ChildProcess child = context.process(ProxiesInMessagesTest::appendToInnerList, outer).start();
        assertExitedNormally(child);
        assertThat(inner).containsExactly(42);
    }

    @Test
    void aQueueAndAManagedListSentThroughAQueueReachAChildAsWorkingProxies() {
        SharedQueue<Object> requests = context.queue();
        SharedQueue<String> replies = context.queue();
        SharedList<String> list = context.manager().list();
        ChildProcess child = context.process(ProxiesInMessagesTest::answerThroughReceivedProxies, requests).start();
        requests.put(replies);
        requests.put(list);
        assertThat(replies.get(WAIT)).isEqualTo("reply");
        assertExitedNormally(child);
        assertThat(list).containsExactly("appended");
    }

    @Test
    void aConnectionAndAnEventSentThroughAPipeReachAChildAsWorkingProxies() {
        Pipe control = context.pipe();
        Pipe data = context.pipe();
        SharedEvent event = context.event();
        ChildProcess child = context.process(ProxiesInMessagesTest::answerThroughReceivedConnection,
                control.second()).start();
        control.first().send(data.second());
        control.first().send(event);
        assertThat(data.first().poll(WAIT)).isTrue();
        assertThat((String) data.first().recv()).isEqualTo("over the received connection");
        assertThat(event.await(WAIT)).isTrue();
        assertExitedNormally(child);
    }

    private static void useProxiesFromDict(SharedDict<String, Object> dict) {
        SharedLock lock = (SharedLock) dict.get("lock");
        SharedLock managerLock = (SharedLock) dict.get("managerLock");
        if (!lock.acquire(WAIT) || !managerLock.acquire(WAIT)) {
            throw new AssertionError("the locks from the dict could not be taken");
        }
        managerLock.release();
        lock.release();
        @SuppressWarnings("unchecked")
        SharedList<String> list = (SharedList<String>) dict.get("list");
        list.add("from the list in the dict");
        @SuppressWarnings("unchecked")
        SharedQueue<String> queue = (SharedQueue<String>) dict.get("queue");
        queue.put("from the queue in the dict");
        List<?> proxies = (List<?>) dict.get("proxies");
        ((SharedList<String>) proxies.get(0)).add("from the list in a list in the dict");
        ((SharedQueue<String>) proxies.get(1)).put("from the queue in a list in the dict");
    }

    @SuppressWarnings("unchecked")
    private static void appendToInnerList(SharedList<Object> outer) {
        ((SharedList<Integer>) outer.get(0)).add(42);
    }

    @SuppressWarnings("unchecked")
    private static void answerThroughReceivedProxies(SharedQueue<Object> requests) {
        SharedQueue<String> replies = (SharedQueue<String>) requests.get(WAIT);
        SharedList<String> list = (SharedList<String>) requests.get(WAIT);
        list.add("appended");
        replies.put("reply");
    }

    private static void answerThroughReceivedConnection(Connection control) {
        Connection data = control.recv();
        SharedEvent event = control.recv();
        data.send("over the received connection");
        event.set();
    }

    private static void assertExitedNormally(ChildProcess child) {
        assertThat(child.join(WAIT)).isTrue();
        assertThat(child.exitCode()).hasValue(0);
    }
}
