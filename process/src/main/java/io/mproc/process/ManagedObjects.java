package io.mproc.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The manager's side of each managed type. Lists, dicts and namespaces are guarded by their own monitor; the
 * synchronization objects block the manager thread that serves the caller, which stands for the caller's thread
 * (so a reentrant lock's owner is that thread). A timeout argument is in nanoseconds, negative for none.
 */
final class ManagedObjects {

    private ManagedObjects() {
    }

    static ManagedObject list(List<Object> initial) {
        List<Object> list = new ArrayList<>(initial);
        return (method, arguments) -> {
            synchronized (list) {
                return switch (method) {
                    case "size" -> list.size();
                    case "get" -> list.get(index(arguments));
                    case "set" -> list.set(index(arguments), arguments.get(1));
                    case "append" -> {
                        list.add(arguments.get(0));
                        yield null;
                    }
                    case "insert" -> {
                        list.add(index(arguments), arguments.get(1));
                        yield null;
                    }
                    case "remove" -> list.remove(index(arguments));
                    case "clear" -> {
                        list.clear();
                        yield null;
                    }
                    case "copy" -> new ArrayList<>(list);
                    default -> throw unknown(method);
                };
            }
        };
    }

    /**
     * A dict, or a namespace: keys travel as the first argument, so they keep their types. Keys keep their
     * insertion order, as in Python; {@code keysVersion} counts the changes to the set of keys, so that an
     * iteration can tell that the dict changed under it.
     */
    static ManagedObject dict() {
        Map<Object, Object> map = new LinkedHashMap<>();
        long[] keysVersion = new long[1];
        return (method, arguments) -> {
            synchronized (map) {
                int sizeBefore = map.size();
                Object result = switch (method) {
                    case "size" -> map.size();
                    case "get" -> map.get(arguments.get(0));
                    case "containsKey" -> map.containsKey(arguments.get(0));
                    case "put" -> map.put(arguments.get(0), arguments.get(1));
                    case "remove" -> map.remove(arguments.get(0));
                    case "clear" -> {
                        map.clear();
                        yield null;
                    }
                    case "copy" -> new LinkedHashMap<>(map);
                    case "keysVersion" -> keysVersion[0];
                    case "iterate" -> List.of(keysVersion[0], new LinkedHashMap<>(map));
                    default -> throw unknown(method);
                };
                if (map.size() != sizeBefore) {
                    keysVersion[0]++;
                }
                return result;
            }
        };
    }

    static ManagedObject semaphore(int permits, int bound) {
        Semaphore semaphore = new Semaphore(permits);
        return (method, arguments) -> switch (method) {
            case "acquire" -> acquire(semaphore, nanos(arguments));
            case "release" -> {
                synchronized (semaphore) {
                    if (bound > 0 && semaphore.availablePermits() >= bound) {
                        throw releasedTooOften(bound);
                    }
                    semaphore.release();
                }
                yield null;
            }
            case "value" -> semaphore.availablePermits();
            default -> throw unknown(method);
        };
    }

    /** An RLock, or a Condition with its RLock. */
    static ManagedObject condition() {
        ReentrantLock lock = new ReentrantLock();
        Condition condition = lock.newCondition();
        return (method, arguments) -> switch (method) {
            case "acquire" -> {
                long nanos = nanos(arguments);
                if (nanos < 0) {
                    lock.lockInterruptibly();
                    yield true;
                }
                yield lock.tryLock(nanos, TimeUnit.NANOSECONDS);
            }
            case "release" -> {
                lock.unlock();
                yield null;
            }
            case "await" -> {
                long nanos = nanos(arguments);
                if (nanos < 0) {
                    condition.await();
                    yield true;
                }
                yield condition.await(nanos, TimeUnit.NANOSECONDS);
            }
            case "signal" -> {
                condition.signal();
                yield null;
            }
            case "signalAll" -> {
                condition.signalAll();
                yield null;
            }
            default -> throw unknown(method);
        };
    }

    static ManagedObject event() {
        boolean[] flag = new boolean[1];
        return (method, arguments) -> {
            synchronized (flag) {
                switch (method) {
                    case "set" -> {
                        flag[0] = true;
                        flag.notifyAll();
                        return null;
                    }
                    case "clear" -> {
                        flag[0] = false;
                        return null;
                    }
                    case "isSet" -> {
                        return flag[0];
                    }
                    case "await" -> {
                        long nanos = nanos(arguments);
                        long deadline = System.nanoTime() + nanos;
                        while (!flag[0]) {
                            long left = deadline - System.nanoTime();
                            if (nanos >= 0 && left <= 0) {
                                return false;
                            }
                            TimeUnit.NANOSECONDS.timedWait(flag, nanos < 0 ? Long.MAX_VALUE : left);
                        }
                        return true;
                    }
                    default -> throw unknown(method);
                }
            }
        };
    }

    static ManagedObject barrier(int parties) {
        CyclicBarrier barrier = new CyclicBarrier(parties);
        return (method, arguments) -> switch (method) {
            case "await" -> {
                long nanos = nanos(arguments);
                try {
                    yield nanos < 0 ? barrier.await() : barrier.await(nanos, TimeUnit.NANOSECONDS);
                } catch (BrokenBarrierException | TimeoutException e) {
                    throw new BarrierBrokenException(BarrierBrokenException.MESSAGE);
                }
            }
            case "abort" -> {
                barrier.reset();
                yield null;
            }
            case "waiting" -> barrier.getNumberWaiting();
            default -> throw unknown(method);
        };
    }

    private static boolean acquire(Semaphore semaphore, long nanos) throws InterruptedException {
        if (nanos < 0) {
            semaphore.acquire();
            return true;
        }
        return semaphore.tryAcquire(nanos, TimeUnit.NANOSECONDS);
    }

    private static int index(List<Object> arguments) {
        return ((Number) arguments.get(0)).intValue();
    }

    private static long nanos(List<Object> arguments) {
        return ((Number) arguments.get(0)).longValue();
    }

    static IllegalStateException releasedTooOften(long bound) {
        return new IllegalStateException(bound == 1 ? "release of an unlocked lock"
                : "the semaphore was released too many times");
    }

    static UnsupportedOperationException unknown(String method) {
        return new UnsupportedOperationException("no operation " + method);
    }
}
