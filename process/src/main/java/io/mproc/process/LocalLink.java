package io.mproc.process;

import io.mproc.internal.shm.MemoryBuffer;


/**
 * The coordinator's link to its own manager: a direct call, through the same encoding as a child's call, so that
 * the manager holds copies of the arguments and the caller gets a copy of the result, as in any other process.
 */
final class LocalLink implements ManagerLink {

    private static final int INITIAL_BYTES = 128;

    private final ManagerServer server;

    LocalLink(ManagerServer server) {
        this.server = server;
    }

    @Override
    public Reply call(Call call) {
        MemoryBuffer buffer = MemoryBuffer.expandable(INITIAL_BYTES);
        call.encode(buffer, 0);
        Reply reply = server.dispatch(Call.decode(buffer, 0));
        return Reply.decode(buffer, 0, reply.encode(buffer, 0));
    }
}
