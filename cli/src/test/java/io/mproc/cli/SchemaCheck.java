package io.mproc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Checks a JSON document against the parts of JSON Schema that docs/report-schema.json uses. */
final class SchemaCheck {

    private SchemaCheck() {
    }

    static List<String> problems(JsonNode document, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(document, schema, "$", problems);
        return problems;
    }

    private static void check(JsonNode node, JsonNode schema, String path, List<String> problems) {
        JsonNode type = schema.get("type");
        if (type != null && !matchesAny(node, type)) {
            problems.add(path + " is " + node.getNodeType() + ", expected " + type);
            return;
        }
        if (node.isObject()) {
            schema.path("required").forEach(key -> {
                if (!node.has(key.asString())) {
                    problems.add(path + " lacks required key " + key.asString());
                }
            });
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                if (node.has(property.getKey())) {
                    check(node.get(property.getKey()), property.getValue(), path + "." + property.getKey(), problems);
                }
            }
        }
        if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), schema.get("items"), path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean matchesAny(JsonNode node, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (matches(node, option.asString())) {
                    return true;
                }
            }
            return false;
        }
        return matches(node, type.asString());
    }

    private static boolean matches(JsonNode node, String type) {
        return switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isString();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "null" -> node.isNull();
            default -> false;
        };
    }
}
