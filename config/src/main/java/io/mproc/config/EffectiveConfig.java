package io.mproc.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A configuration together with the source of each of its values.
 *
 * @param config  the values
 * @param sources the source of each value, by dotted key: exactly the keys of {@link ConfigLoader#keys()}, iterated
 *                in that order
 */
public record EffectiveConfig(MprocConfig config, Map<String, ConfigSource> sources) {

    public EffectiveConfig {
        Objects.requireNonNull(config, "config");
        if (!sources.keySet().equals(Set.copyOf(ConfigLoader.keys()))) {
            throw new IllegalArgumentException("sources must name exactly the keys " + ConfigLoader.keys()
                    + ", not " + sources.keySet());
        }
        Map<String, ConfigSource> ordered = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            ordered.put(key.key(), Objects.requireNonNull(sources.get(key.key()), key.key()));
        }
        sources = Collections.unmodifiableMap(ordered);
    }

    /**
     * Where the value of {@code key} came from.
     *
     * @throws IllegalArgumentException if {@code key} is not one of {@link ConfigLoader#keys()}
     */
    public ConfigSource sourceOf(String key) {
        ConfigSource source = sources.get(key);
        if (source == null) {
            throw new IllegalArgumentException("no configuration key '" + key + "'");
        }
        return source;
    }

    /**
     * The effective configuration as {@code mproc config} prints it: one line per key in the order of
     * {@link ConfigLoader#keys()}, each with the key, its value and its source in parentheses, in aligned columns.
     * A key without a value, such as an unset {@code worker.heap}, shows {@code -}. Lines are separated by
     * {@code \n}, with none after the last.
     */
    public String describe() {
        List<String[]> rows = new ArrayList<>();
        int keyWidth = 0;
        int valueWidth = 0;
        for (ConfigKey key : ConfigKey.values()) {
            String value = key.display(config);
            rows.add(new String[] {key.key(), value, sources.get(key.key()).toString()});
            keyWidth = Math.max(keyWidth, key.key().length());
            valueWidth = Math.max(valueWidth, value.length());
        }
        String format = "%-" + keyWidth + "s  %-" + valueWidth + "s  (%s)";
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            lines.add(String.format(format, (Object[]) row));
        }
        return String.join("\n", lines);
    }
}
