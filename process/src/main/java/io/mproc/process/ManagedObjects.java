package io.mproc.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
        return (op, arguments) -> {
            synchronized (list) {
                return switch (op) {
                    case SIZE -> list.size();
                    case GET -> list.get(index(arguments));
                    case SET -> list.set(index(arguments), arguments.get(1));
                    case APPEND -> {
                        list.add(arguments.get(0));
                        yield null;
                    }
                    case INSERT -> {
                        list.add(index(arguments), arguments.get(1));
                        yield null;
                    }
                    case REMOVE -> list.remove(index(arguments));
                    case CLEAR -> {
                        list.clear();
                        yield null;
                    }
                    case COPY -> new ArrayList<>(list);
                    default -> throw unknown(op);
                };
            }
        };
    }

    /** Python's {@code manager.Array}: a list whose length is fixed; what would change it is unsupported. */
    static ManagedObject array(List<Object> initial) {
        List<Object> array = new ArrayList<>(initial);
        return (op, arguments) -> {
            synchronized (array) {
                return switch (op) {
                    case SIZE -> array.size();
                    case GET -> array.get(index(arguments));
                    case SET -> array.set(index(arguments), arguments.get(1));
                    case COPY -> new ArrayList<>(array);
                    default -> throw new UnsupportedOperationException("an array's length is fixed: " + op
                            + " is not supported; use manager.list() for a list that grows");
                };
            }
        };
    }

    /**
     * An object of the user's class held here (Python's {@code BaseManager.register}): {@code INVOKE} runs one of
     * its public methods, found by name and parameter types, with the arguments converted to those types. A method
     * runs on the manager thread that serves the caller, as in Python; the object guards its own state.
     */
    static ManagedObject userObject(Object target) {
        Map<String, Method> methods = new ConcurrentHashMap<>();
        return (op, arguments) -> {
            if (op != Op.INVOKE) {
                throw unknown(op);
            }
            String name = (String) arguments.get(0);
            @SuppressWarnings("unchecked")
            List<String> parameterTypes = (List<String>) arguments.get(1);
            Method method = methods.computeIfAbsent(name + parameterTypes,
                    key -> publicMethod(target.getClass(), name, parameterTypes));
            Object[] values = arguments.subList(2, arguments.size()).toArray();
            Class<?>[] types = method.getParameterTypes();
            for (int i = 0; i < values.length; i++) {
                values[i] = ManagedInterface.convert(values[i], types[i]);
            }
            try {
                return method.invoke(target, values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception failure) {
                    throw failure;
                }
                throw (Error) e.getCause();
            }
        };
    }

    private static Method publicMethod(Class<?> type, String name, List<String> parameterTypes) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && Arrays.stream(method.getParameterTypes()).map(Class::getName)
                    .toList().equals(parameterTypes)) {
                method.setAccessible(true);
                return method;
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no public method " + name + parameterTypes);
    }

    /** Python's {@code manager.Value}: one value, read and replaced atomically. */
    static ManagedObject value(Object initial) {
        Object[] value = {initial};
        return (op, arguments) -> {
            synchronized (value) {
                return switch (op) {
                    case GET -> value[0];
                    case SET -> {
                        Object previous = value[0];
                        value[0] = arguments.get(0);
                        yield previous;
                    }
                    default -> throw unknown(op);
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
        return (op, arguments) -> {
            synchronized (map) {
                int sizeBefore = map.size();
                Object result = switch (op) {
                    case SIZE -> map.size();
                    case GET -> map.get(arguments.get(0));
                    case CONTAINS_KEY -> map.containsKey(arguments.get(0));
                    case PUT -> map.put(arguments.get(0), arguments.get(1));
                    case REMOVE -> map.remove(arguments.get(0));
                    case CLEAR -> {
                        map.clear();
                        yield null;
                    }
                    case COPY -> new LinkedHashMap<>(map);
                    case KEYS_VERSION -> keysVersion[0];
                    case ITERATE -> List.of(keysVersion[0], new LinkedHashMap<>(map));
                    case POP_ITEM -> popLast(map);
                    case DELETE -> {
                        boolean present = map.containsKey(arguments.get(0));
                        map.remove(arguments.get(0));
                        yield present;
                    }
                    default -> throw unknown(op);
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
        return (op, arguments) -> switch (op) {
            case ACQUIRE -> acquire(semaphore, nanos(arguments));
            case RELEASE -> {
                synchronized (semaphore) {
                    if (bound > 0 && semaphore.availablePermits() >= bound) {
                        throw releasedTooOften(bound);
                    }
                    semaphore.release();
                }
                yield null;
            }
            case VALUE -> semaphore.availablePermits();
            case LOCKED -> semaphore.availablePermits() == 0;
            default -> throw unknown(op);
        };
    }

    /** An RLock, or a Condition with its RLock. */
    static ManagedObject condition() {
        ReentrantLock lock = new ReentrantLock();
        Condition condition = lock.newCondition();
        return (op, arguments) -> switch (op) {
            case ACQUIRE -> {
                long nanos = nanos(arguments);
                if (nanos < 0) {
                    lock.lockInterruptibly();
                    yield true;
                }
                yield lock.tryLock(nanos, TimeUnit.NANOSECONDS);
            }
            case RELEASE -> {
                lock.unlock();
                yield null;
            }
            case AWAIT -> {
                long nanos = nanos(arguments);
                if (nanos < 0) {
                    condition.await();
                    yield true;
                }
                yield condition.await(nanos, TimeUnit.NANOSECONDS);
            }
            case SIGNAL -> {
                for (int i = index(arguments); i > 0; i--) {
                    condition.signal();
                }
                yield null;
            }
            case LOCKED -> lock.isLocked();
            case SIGNAL_ALL -> {
                condition.signalAll();
                yield null;
            }
            default -> throw unknown(op);
        };
    }

    static ManagedObject event() {
        boolean[] flag = new boolean[1];
        return (op, arguments) -> {
            synchronized (flag) {
                switch (op) {
                    case SET -> {
                        flag[0] = true;
                        flag.notifyAll();
                        return null;
                    }
                    case CLEAR -> {
                        flag[0] = false;
                        return null;
                    }
                    case IS_SET -> {
                        return flag[0];
                    }
                    case AWAIT -> {
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
                    default -> throw unknown(op);
                }
            }
        };
    }

    static ManagedObject barrier(int parties, ProcessTarget action, long timeoutNanos) {
        ManagedBarrier barrier = new ManagedBarrier(parties, action, timeoutNanos);
        return (op, arguments) -> switch (op) {
            case AWAIT -> barrier.await(nanos(arguments));
            case ABORT -> {
                barrier.abort();
                yield null;
            }
            case RESET -> {
                barrier.reset();
                yield null;
            }
            case WAITING -> barrier.waiting();
            case PARTIES -> barrier.parties();
            case IS_BROKEN -> barrier.isBroken();
            default -> throw unknown(op);
        };
    }

    /** Removes the entry added last, as Python's {@code dict.popitem()} does; its key and value. */
    private static List<Object> popLast(Map<Object, Object> map) {
        Map.Entry<Object, Object> last = null;
        for (Map.Entry<Object, Object> entry : map.entrySet()) {
            last = entry;
        }
        if (last == null) {
            throw new NoSuchElementException("popItem(): the dict is empty");
        }
        map.remove(last.getKey());
        return Arrays.asList(last.getKey(), last.getValue());
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

    static UnsupportedOperationException unknown(Op op) {
        return new UnsupportedOperationException("no operation " + op);
    }
}
