package io.mproc;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The values of a run's parameters, every declared parameter present and already checked against its type.
 * Immutable; travels to workers with each task.
 *
 * @param values parameter name to value, as text
 */
public record JobParameters(Map<String, String> values) {

    public JobParameters {
        values = Map.copyOf(values);
    }

    public int getInt(String name) {
        return Integer.parseInt(get(name));
    }

    public long getLong(String name) {
        return Long.parseLong(get(name));
    }

    public double getDouble(String name) {
        return Double.parseDouble(get(name));
    }

    public boolean getBoolean(String name) {
        return Boolean.parseBoolean(get(name));
    }

    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new NoSuchElementException("the job declares no parameter '" + name + "'");
        }
        return value;
    }

    /** The values in name order, for reports. */
    public Map<String, String> sorted() {
        return new TreeMap<>(values);
    }
}
