package io.mproc.process;

import io.mproc.MprocException;
import java.util.Arrays;

/**
 * A proxy's reference to its object at the manager, and the one way to call it. Travels as
 * {@code <manager address>#<object id>}. Failures at the manager are raised here as the same unchecked exception
 * class where this JVM has it, otherwise as {@link MprocException}.
 */
final class ManagedRef implements ObjectRef {

    private static final String SEPARATOR = "#";

    private final String address;
    private final long id;

    ManagedRef(String address, long id) {
        this.address = address;
        this.id = id;
    }

    static ManagedRef parse(String handle) {
        int separator = handle.lastIndexOf(SEPARATOR);
        return new ManagedRef(handle.substring(0, separator), Long.parseLong(handle.substring(separator + 1)));
    }

    @Override
    public String handle() {
        return address + SEPARATOR + id;
    }

    @Override
    public Object call(String method, Object... arguments) {
        Reply reply = ManagerLinks.of(address).call(new Call(id, method, Arrays.asList(arguments)));
        if (reply.failure() != null) {
            throw failure(reply);
        }
        return reply.value();
    }

    private static RuntimeException failure(Reply reply) {
        try {
            Class<?> type = Class.forName(reply.failure());
            if (RuntimeException.class.isAssignableFrom(type)) {
                return (RuntimeException) type.getConstructor(String.class).newInstance(reply.message());
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // not a type this JVM can raise as is
        }
        return new MprocException(reply.failure() + ": " + reply.message());
    }
}
