package io.mproc.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads a YAML or JSON configuration file into its values by dotted key. */
final class ConfigFile {

    private static final ObjectMapper YAML =
            YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ConfigFile() {
    }

    /**
     * The values in the file at {@code path} by dotted key, in file order: nested mappings are flattened, so that
     * {@code worker: {heap: 1g}} and {@code worker.heap: 1g} both give {@code worker.heap}. An empty file has no
     * values.
     *
     * @throws ConfigException if the file has no supported extension, cannot be read or parsed, does not hold a
     *                         mapping, or gives a key twice
     */
    static Map<String, JsonNode> read(Path path) {
        ObjectMapper mapper = mapperFor(path);
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException("cannot read configuration file " + path + ": it does not exist");
        } catch (AccessDeniedException e) {
            throw new ConfigException("cannot read configuration file " + path + ": permission denied");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + path + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (JacksonException e) {
            throw new ConfigException("cannot parse configuration file " + path + location(e) + ": " + reason(e));
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            throw new ConfigException("configuration file " + path + " must hold a mapping of keys to values, not "
                    + (root.isArray() ? "a list" : "a single value"));
        }
        flatten("", root, values, path);
        return values;
    }

    private static ObjectMapper mapperFor(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        throw new ConfigException(
                "configuration file " + path + " is not supported: expected a .yaml, .yml or .json file");
    }

    private static void flatten(String prefix, JsonNode mapping, Map<String, JsonNode> values, Path path) {
        for (Map.Entry<String, JsonNode> entry : mapping.properties()) {
            String key = prefix + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                flatten(key + ".", value, values, path);
            } else if (values.putIfAbsent(key, value) != null) {
                throw new ConfigException("key '" + key + "' is given twice in configuration file " + path);
            }
        }
    }

    /**
     * The parser's explanation on one line. The YAML parser adds the position and an excerpt of the file on lines of
     * their own, indented, which are left out as {@link #location} gives the position.
     */
    private static String reason(JacksonException e) {
        return e.getOriginalMessage().strip().lines()
                .filter(line -> !line.startsWith(" "))
                .collect(Collectors.joining("; "));
    }

    private static String location(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return location.getColumnNr() < 1
                ? " at line " + location.getLineNr()
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
