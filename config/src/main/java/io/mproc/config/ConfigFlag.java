package io.mproc.config;

import java.util.Objects;

/**
 * A value given on the command line for a configuration key, with the flag as the user typed it, so that a
 * problem with the value names that flag.
 *
 * @param key   the dotted key, such as {@code worker.heap}
 * @param flag  the flag that set it, such as {@code --heap}
 * @param value the text given
 */
public record ConfigFlag(String key, String flag, String value) {

    public ConfigFlag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(value, "value");
    }

    /** The value of {@code key} given as the flag {@code --key}. */
    public static ConfigFlag ofKey(String key, String value) {
        return new ConfigFlag(key, "--" + key, value);
    }
}
