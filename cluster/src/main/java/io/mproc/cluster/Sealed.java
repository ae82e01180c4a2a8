package io.mproc.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The envelope of every mproc message between a coordinator and a node. A sealed message is a kind byte
 * {@code 0}, the HMAC-SHA256 under the cluster token of its {@link Purpose} byte followed by the payload, then the
 * payload; so a message signed for one purpose (a worker's event, say) is refused as another (a kill). A refusal is
 * a kind byte {@code 1} and a UTF-8 text, unauthenticated, which can only end a run with its text as the reason.
 */
final class Sealed {

    /** What a sealed message is for; its ordinal is signed with the payload. */
    enum Purpose {
        TASK_REQUEST, TASK_REPLY, LAUNCH_REQUEST, LAUNCH_REPLY, KILL_REQUEST, KILL_REPLY, WORKER_EVENT
    }

    private static final byte SEALED = 0;
    private static final byte REFUSAL = 1;
    private static final int CODE_LENGTH = 32;

    private Sealed() {
    }

    static byte[] seal(ClusterToken token, Purpose purpose, byte[] payload) {
        byte[] message = new byte[1 + CODE_LENGTH + payload.length];
        message[0] = SEALED;
        System.arraycopy(token.sign(signed(purpose, payload)), 0, message, 1, CODE_LENGTH);
        System.arraycopy(payload, 0, message, 1 + CODE_LENGTH, payload.length);
        return message;
    }

    static byte[] refusal(String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[1 + text.length];
        message[0] = REFUSAL;
        System.arraycopy(text, 0, message, 1, text.length);
        return message;
    }

    /** The refusal's reason, or null if the message is not a refusal. */
    static String refusalOf(byte[] message) {
        return message.length > 0 && message[0] == REFUSAL
                ? new String(message, 1, message.length - 1, StandardCharsets.UTF_8) : null;
    }

    /** The payload of a message sealed for {@code purpose} whose code verifies under {@code token}; else null. */
    static byte[] open(ClusterToken token, Purpose purpose, byte[] message) {
        if (message.length < 1 + CODE_LENGTH || message[0] != SEALED) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(message, 1 + CODE_LENGTH, message.length);
        return token.verifies(signed(purpose, payload), Arrays.copyOfRange(message, 1, 1 + CODE_LENGTH)) ? payload
                : null;
    }

    private static byte[] signed(Purpose purpose, byte[] payload) {
        byte[] signed = new byte[1 + payload.length];
        signed[0] = (byte) purpose.ordinal();
        System.arraycopy(payload, 0, signed, 1, payload.length);
        return signed;
    }
}
