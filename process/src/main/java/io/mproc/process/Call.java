package io.mproc.process;

import io.mproc.internal.shm.MemoryBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One operation on a managed object. On a {@link ManagerChannel} it is laid out as the object id (8 bytes), the
 * operation's code (1 byte), the argument count (4 bytes), then each argument as a 4-byte length and a
 * value of {@link Messages}.
 *
 * @param object    the object's id at the manager
 * @param op        the operation, such as {@link Op#APPEND}
 * @param arguments its arguments
 */
record Call(long object, Op op, List<Object> arguments) {

    /** Writes the call at the offset; returns where it ends. */
    int encode(MemoryBuffer out, int offset) {
        out.putLong(offset, object);
        int position = offset + Long.BYTES;
        out.putByte(position++, op.code());
        out.putInt(position, arguments.size());
        position += Integer.BYTES;
        for (Object argument : arguments) {
            int length = Messages.encode(out, position + Integer.BYTES, argument);
            out.putInt(position, length);
            position += Integer.BYTES + length;
        }
        return position;
    }

    static Call decode(MemoryBuffer in, int offset) {
        long object = in.getLong(offset);
        int position = offset + Long.BYTES;
        Op op = Op.of(in.getByte(position++));
        int count = in.getInt(position);
        position += Integer.BYTES;
        List<Object> arguments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = in.getInt(position);
            arguments.add(Messages.decode(in, position + Integer.BYTES, length));
            position += Integer.BYTES + length;
        }
        return new Call(object, op, arguments);
    }
}
