package io.mproc.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret every node and coordinator of one cluster shares, like an Erlang cookie: mproc's messages between
 * them carry an HMAC-SHA256 of their bytes under it, and a message whose code does not match is refused. The
 * command line takes it from the configuration ({@code cluster.token}, {@value #ENVIRONMENT}), else from the file
 * {@link #defaultFile}, made on first use with 32 random bytes and readable by the user only; copy that file (or
 * set the variable) on every machine of the cluster. Immutable and thread-safe.
 */
public final class ClusterToken {

    /** The environment variable that holds the token, as the configuration reads it. */
    public static final String ENVIRONMENT = "MPROC_CLUSTER_TOKEN";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_LENGTH = 16;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    private ClusterToken(String secret) {
        if (secret.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a cluster token must have at least " + MIN_LENGTH
                    + " characters; it had " + secret.strip().length());
        }
        this.key = new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The token of this text (at least 16 characters, surrounding blanks ignored). */
    public static ClusterToken of(String secret) {
        return new ClusterToken(secret);
    }

    /**
     * The token as the command line finds it when the configuration names none: {@value #ENVIRONMENT} if set, else
     * the {@link #defaultFile}, made on first use. Pass {@code System.getenv()}.
     */
    public static ClusterToken standard(Map<String, String> environment) {
        String secret = environment.get(ENVIRONMENT);
        return secret != null && !secret.isBlank() ? of(secret) : fromFile(defaultFile(environment));
    }

    /** {@code $XDG_CONFIG_HOME/mproc/cluster-token}, or {@code ~/.config/mproc/cluster-token}. */
    public static Path defaultFile(Map<String, String> environment) {
        String configHome = environment.get("XDG_CONFIG_HOME");
        Path base = configHome != null && !configHome.isBlank() ? Path.of(configHome)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("mproc").resolve("cluster-token");
    }

    /** The token in {@code file}, which is made with a new random token, readable by its user only, if absent. */
    public static ClusterToken fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return of(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the cluster token file " + file + ": " + e, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path draft = Files.createTempFile(file.getParent(), "cluster-token", ".new"); // user-only, as on POSIX
        try {
            Files.writeString(draft, HexFormat.of().formatHex(secret) + "\n");
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException madeMeanwhile) {
            return;
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** The HMAC-SHA256 of {@code message} under this token. */
    public byte[] sign(byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute " + ALGORITHM, e);
        }
    }

    /** Whether {@code code} is this token's HMAC of {@code message}, compared in constant time. */
    public boolean verifies(byte[] message, byte[] code) {
        return code != null && MessageDigest.isEqual(sign(message), code);
    }

    /**
     * Encrypts {@code plain} with AES-GCM under a key derived from this token: a random 12-byte nonce, then the
     * ciphertext with its tag. For secrets that cross the cluster, whose traffic is not encrypted.
     */
    byte[] encrypt(byte[] plain) {
        byte[] nonce = new byte[NONCE_LENGTH];
        new SecureRandom().nextBytes(nonce);
        byte[] encrypted = cipher(Cipher.ENCRYPT_MODE, nonce, plain, 0, plain.length);
        byte[] message = Arrays.copyOf(nonce, NONCE_LENGTH + encrypted.length);
        System.arraycopy(encrypted, 0, message, NONCE_LENGTH, encrypted.length);
        return message;
    }

    /**
     * Decrypts what {@link #encrypt} made.
     *
     * @throws IllegalArgumentException if it was made with another token, or altered
     */
    byte[] decrypt(byte[] message) {
        if (message.length < NONCE_LENGTH + TAG_BITS / Byte.SIZE) {
            throw new IllegalArgumentException("the message is too short to have been encrypted with a cluster token");
        }
        return cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(message, NONCE_LENGTH), message, NONCE_LENGTH,
                message.length - NONCE_LENGTH);
    }

    private byte[] cipher(int mode, byte[] nonce, byte[] input, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            SecretKeySpec secret = new SecretKeySpec(Arrays.copyOf(sign(
                    "mproc encryption key".getBytes(StandardCharsets.UTF_8)), 16), "AES");
            cipher.init(mode, secret, new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input, offset, length);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the message was not encrypted with this cluster's token, or was "
                    + "altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot use AES-GCM", e);
        }
    }

    /** A short public name for the token, safe to log: the first bytes of its HMAC of a fixed text, in hex. */
    public String fingerprint() {
        return HexFormat.of().formatHex(sign("mproc cluster token".getBytes(StandardCharsets.UTF_8)), 0, 4);
    }

    @Override
    public String toString() {
        return "ClusterToken[" + fingerprint() + "]";
    }
}
