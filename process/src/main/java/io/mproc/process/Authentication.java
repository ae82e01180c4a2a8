package io.mproc.process;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The challenge both ends of a {@link Listener} connection answer, as Python's {@code multiprocessing.connection}
 * does: each side sends 32 random bytes, the other returns their HMAC-SHA256 under the shared key, and the first
 * side answers welcome or failure. The key itself never travels. Stateless.
 */
final class Authentication {

    private static final byte[] CHALLENGE = "#CHALLENGE#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);
    private static final int CHALLENGE_BYTES = 32;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Authentication() {
    }

    static void asServer(SocketConnection connection, byte[] key) {
        challenge(connection, key);
        answer(connection, key);
    }

    static void asClient(SocketConnection connection, byte[] key) {
        answer(connection, key);
        challenge(connection, key);
    }

    static byte[] requireKey(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("an authentication key is needed: pass the same secret bytes to the"
                    + " Listener and to every Client");
        }
        return key.clone();
    }

    private static void challenge(SocketConnection connection, byte[] key) {
        byte[] message = new byte[CHALLENGE_BYTES];
        RANDOM.nextBytes(message);
        connection.write(concat(CHALLENGE, message));
        byte[] answer = read(connection);
        if (!MessageDigest.isEqual(answer, hmac(key, message))) {
            connection.write(FAILURE);
            throw new AuthenticationException("the other side does not hold this authentication key");
        }
        connection.write(WELCOME);
    }

    private static void answer(SocketConnection connection, byte[] key) {
        byte[] challenge = read(connection);
        if (!startsWith(challenge, CHALLENGE)) {
            throw new AuthenticationException("the other side does not speak mproc's connection protocol");
        }
        connection.write(hmac(key, Arrays.copyOfRange(challenge, CHALLENGE.length, challenge.length)));
        if (!Arrays.equals(read(connection), WELCOME)) {
            throw new AuthenticationException("the other side refused this authentication key");
        }
    }

    private static byte[] read(SocketConnection connection) {
        if (!connection.poll(ANSWER_TIMEOUT)) {
            throw new AuthenticationException("the other side did not answer within " + ANSWER_TIMEOUT.toSeconds()
                    + " s");
        }
        return connection.readMessage();
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
