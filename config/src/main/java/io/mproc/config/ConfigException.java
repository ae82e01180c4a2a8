package io.mproc.config;

import java.util.List;

/**
 * The configuration could not be loaded. The message holds one line per problem, each naming the key, the value
 * given, where it came from and what is allowed, or the file that could not be read and why.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    ConfigException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, one sentence each, in the order the sources were read. */
    public List<String> problems() {
        return problems;
    }
}
