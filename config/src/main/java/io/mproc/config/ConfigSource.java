package io.mproc.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a configuration value came from.
 *
 * @param kind the layer that supplied the value
 * @param name within that layer: the file's path, the environment variable or the flag; empty for a default
 */
public record ConfigSource(Kind kind, String name) {

    /** The layers a value can come from, each overriding the ones before it. */
    public enum Kind { DEFAULT, FILE, ENV, FLAG }

    /** The source of every value nobody set. */
    public static final ConfigSource DEFAULT = new ConfigSource(Kind.DEFAULT, "");

    public ConfigSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** A value read from the configuration file at {@code path}. */
    public static ConfigSource file(Path path) {
        return new ConfigSource(Kind.FILE, path.toString());
    }

    /** A value read from the environment variable {@code variable}. */
    public static ConfigSource env(String variable) {
        return new ConfigSource(Kind.ENV, variable);
    }

    /** A value given on the command line for {@code key}, as the flag {@code --key}. */
    public static ConfigSource flag(String key) {
        return new ConfigSource(Kind.FLAG, "--" + key);
    }

    /** {@code default}, {@code file PATH}, {@code env VARIABLE} or {@code flag --KEY}. */
    @Override
    public String toString() {
        return switch (kind) {
            case DEFAULT -> "default";
            case FILE -> "file " + name;
            case ENV -> "env " + name;
            case FLAG -> "flag " + name;
        };
    }
}
