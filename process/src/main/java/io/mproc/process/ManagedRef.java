package io.mproc.process;

import java.util.Arrays;

/**
 * A proxy's reference to its object at the manager, and the one way to call it. Travels as
 * {@code <manager address>#<object id>}. Failures at the manager are raised here as their {@link Failure} kind
 * says.
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
    public Object call(Op op, Object... arguments) {
        Reply reply = ManagerLinks.of(address).call(new Call(id, op, Arrays.asList(arguments)));
        if (reply.failure() != null) {
            throw reply.failure().toException(reply.message());
        }
        return reply.value();
    }
}
