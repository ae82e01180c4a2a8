package io.mproc.process;

import io.mproc.MprocException;
import io.mproc.NotTransferableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * What a barrier runs when its parties have all arrived, before it releases them (Python's {@code action}): run by
 * the last party to arrive, in its process (for a context's barrier) or in the manager (for a manager's). If it
 * throws, the barrier breaks: that party gets the exception, the others {@link BarrierBrokenException}.
 */
final class BarrierAction {

    private BarrierAction() {
    }

    /** The action Java-serialized, to keep beside a shared-memory barrier for whichever process arrives last. */
    static byte[] serialize(ProcessTarget action) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(action);
        } catch (IOException e) {
            throw new NotTransferableException("cannot keep the barrier's action for other processes: " + e
                    + ". Use a lambda or method reference that captures only serializable values", e);
        }
        return bytes.toByteArray();
    }

    static ProcessTarget deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (ProcessTarget) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new MprocException("cannot read the barrier's action in this process: " + e, e);
        }
    }

    /** Runs the action; a checked exception comes out as an {@link MprocException} that holds it. */
    static void run(ProcessTarget action) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new MprocException("the barrier's action failed: " + e, e);
        }
    }
}
