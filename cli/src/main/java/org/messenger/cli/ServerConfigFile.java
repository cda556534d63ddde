package org.messenger.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code messenger server --config FILE}: a TOML file with any of the server's flags, one key per
 * flag, named as the flag without its dashes ({@code tls-port = 6697}). Flags given on the command
 * line win over the file. Errors name the file, line and key to fix, as Ergo's config errors do.
 */
final class ServerConfigFile {
    /** Options that are not settings: they cannot be in the file. */
    private static final Set<String> NOT_SETTINGS = Set.of("--help", "--version", "--config");

    private ServerConfigFile() {}

    /** Every key the file may hold, with the option it sets (an option with two names has two keys). */
    static Map<String, OptionSpec> keys(CommandSpec spec) {
        Map<String, OptionSpec> keys = new TreeMap<>();
        for (OptionSpec option : spec.options()) {
            if (NOT_SETTINGS.contains(option.longestName())) {
                continue;
            }
            for (String name : option.names()) {
                if (name.startsWith("--")) {
                    keys.put(name.substring(2), option);
                }
            }
        }
        return keys;
    }

    /**
     * Sets every option the command line did not give from {@code file}.
     *
     * @throws IllegalArgumentException naming the file, line and key at fault and what is expected
     */
    static void apply(Path file, CommandSpec spec, ParseResult commandLine) {
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the --config file " + file + ": " + e.getMessage(), e);
        }
        if (toml.hasErrors()) {
            TomlParseError error = toml.errors().getFirst();
            throw new IllegalArgumentException(file + where(error.position()) + ": " + error.getMessage()
                    + " (the file is TOML: key = value, one per line, e.g. tls-port = 6697)");
        }
        Map<String, OptionSpec> keys = keys(spec);
        for (String key : toml.keySet()) {
            String at = file + where(toml.inputPositionOf(List.of(key)));
            if (toml.isTable(List.of(key))) {
                throw new IllegalArgumentException(at + ": [" + key + "] sections are not used: write every setting at the top,"
                        + " e.g. port = 50000");
            }
            OptionSpec option = keys.get(key);
            if (option == null) {
                throw new IllegalArgumentException(at + ": unknown key '" + key + "': the keys are the server's flags without"
                        + " '--', e.g. tls-port (see docs/config.md)");
            }
            if (commandLine.hasMatchedOption(option)) {
                continue; // the flag wins
            }
            option.setValue(convert(toml, key, option, at));
        }
    }

    private static Object convert(TomlParseResult toml, String key, OptionSpec option, String at) {
        List<String> path = List.of(key);
        Class<?> type = option.type();
        String like = " (as --" + key + " takes)";
        if (type == int.class || type == Integer.class) {
            if (!toml.isLong(path) || toml.getLong(path) < Integer.MIN_VALUE || toml.getLong(path) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(at + ": '" + key + "' must be a whole number" + like + ", e.g. " + key + " = 16");
            }
            return (int) (long) toml.getLong(path);
        }
        if (type == long.class || type == Long.class) {
            if (!toml.isLong(path)) {
                throw new IllegalArgumentException(at + ": '" + key + "' must be a whole number" + like + ", e.g. " + key + " = 30");
            }
            return toml.getLong(path);
        }
        if (type == double.class || type == Double.class) {
            if (!toml.isLong(path) && !toml.isDouble(path)) {
                throw new IllegalArgumentException(at + ": '" + key + "' must be a number" + like);
            }
            return toml.isLong(path) ? (double) toml.getLong(path) : toml.getDouble(path);
        }
        if (type == boolean.class || type == Boolean.class) {
            if (!toml.isBoolean(path)) {
                throw new IllegalArgumentException(at + ": '" + key + "' must be true or false, e.g. " + key + " = true");
            }
            return toml.getBoolean(path);
        }
        if (List.class.isAssignableFrom(type)) {
            List<String> values = new ArrayList<>();
            if (toml.isString(path)) {
                values.add(toml.getString(path));
            } else if (toml.isArray(path)) {
                TomlArray array = toml.getArray(path);
                for (int i = 0; i < array.size(); i++) {
                    if (!(array.get(i) instanceof String s)) {
                        throw new IllegalArgumentException(at + ": '" + key + "' must be a list of strings, e.g. "
                                + key + " = [\"10.0.0.0/8\"]");
                    }
                    values.add(s);
                }
            } else {
                throw new IllegalArgumentException(at + ": '" + key + "' must be a list of strings, e.g. " + key + " = [\"10.0.0.0/8\"]");
            }
            return values;
        }
        // Strings and paths; a port may be written as a number or "off".
        String text;
        if (toml.isString(path)) {
            text = toml.getString(path);
        } else if (toml.isLong(path) && type == String.class) {
            text = Long.toString(toml.getLong(path));
        } else {
            throw new IllegalArgumentException(at + ": '" + key + "' must be a string in quotes" + like + ", e.g. " + key + " = \"...\"");
        }
        return type == Path.class ? Path.of(text) : text;
    }

    private static String where(TomlPosition position) {
        return position == null ? "" : " line " + position.line() + ", column " + position.column();
    }
}
