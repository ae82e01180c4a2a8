package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;

/**
 * Python's {@code Event}: a flag that processes wait for, in shared memory ({@link MprocContext#event()}) or held
 * by a {@link Manager}. Thread-safe.
 */
public final class SharedEvent {

    private final ObjectRef ref;

    SharedEvent(ObjectRef ref) {
        this.ref = ref;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedEvent attach(String handle) {
        return new SharedEvent(ObjectRef.parse(handle));
    }

    /** Sets the flag and wakes every waiter. */
    public void set() {
        ref.call(Op.SET);
    }

    /** Clears the flag. */
    public void clear() {
        ref.call(Op.CLEAR);
    }

    public boolean isSet() {
        return (Boolean) ref.call(Op.IS_SET);
    }

    /** Python's {@code wait()}: waits until the flag is set. */
    public void await() {
        ref.call(Op.AWAIT, -1L);
    }

    /** Python's {@code wait(timeout)}: waits up to the timeout for the flag; returns whether it is set. */
    public boolean await(Duration timeout) {
        return (Boolean) ref.call(Op.AWAIT, ObjectRef.nanos(timeout));
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }
}
