package io.mproc;

import java.util.Objects;

/**
 * A parameter a {@link Job} declares: its name, type, default and meaning.
 *
 * @param name         as given on the command line ({@code -p name=value})
 * @param type         what values it accepts
 * @param defaultValue the value when none is given, as text in the type's syntax
 * @param description  one line for {@code mproc jobs}
 */
public record JobParameter(String name, Type type, String defaultValue, String description) {

    /** The kinds of values a parameter accepts. */
    public enum Type {
        INT, LONG, DOUBLE, BOOLEAN, STRING
    }

    public JobParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
    }

    public static JobParameter ofInt(String name, int defaultValue, String description) {
        return new JobParameter(name, Type.INT, Integer.toString(defaultValue), description);
    }

    public static JobParameter ofLong(String name, long defaultValue, String description) {
        return new JobParameter(name, Type.LONG, Long.toString(defaultValue), description);
    }

    public static JobParameter ofDouble(String name, double defaultValue, String description) {
        return new JobParameter(name, Type.DOUBLE, Double.toString(defaultValue), description);
    }

    public static JobParameter ofString(String name, String defaultValue, String description) {
        return new JobParameter(name, Type.STRING, defaultValue, description);
    }
}
