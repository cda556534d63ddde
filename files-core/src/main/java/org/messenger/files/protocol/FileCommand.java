package org.messenger.files.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The file-transfer commands a client sends over the chat connection (docs/files.md):
 * {@code FILES}, {@code GET name [ranges]}, {@code PAUSE id}, {@code RESUME id} (alias
 * {@code PROCEED}, the original product's word), {@code CANCEL id}, {@code DOWNLOADS}.
 */
public sealed interface FileCommand {
    /** The IRC verbs this extension handles, upper case. */
    Set<String> VERBS = Set.of("FILES", "GET", "PAUSE", "RESUME", "PROCEED", "CANCEL", "DOWNLOADS");

    /** {@code FILES}: list the shared files. */
    record ListFiles() implements FileCommand {
    }

    /** {@code GET name [ranges]}: download a file, or only some of its bytes. */
    record Get(String name, Optional<RangeRequest> ranges) implements FileCommand {
    }

    /** {@code PAUSE id} */
    record Pause(long id) implements FileCommand {
    }

    /** {@code RESUME id} */
    record Resume(long id) implements FileCommand {
    }

    /** {@code CANCEL id} */
    record Cancel(long id) implements FileCommand {
    }

    /** {@code DOWNLOADS}: my downloads and their states. */
    record ListDownloads() implements FileCommand {
    }

    /** The verb and parameters to send, file names encoded ({@link FileNameCodec}). */
    default List<String> toParams() {
        return switch (this) {
            case ListFiles l -> List.of("FILES");
            case Get g -> g.ranges().isPresent()
                    ? List.of("GET", FileNameCodec.encode(g.name()), g.ranges().get().toString())
                    : List.of("GET", FileNameCodec.encode(g.name()));
            case Pause p -> List.of("PAUSE", Long.toString(p.id()));
            case Resume r -> List.of("RESUME", Long.toString(r.id()));
            case Cancel c -> List.of("CANCEL", Long.toString(c.id()));
            case ListDownloads d -> List.of("DOWNLOADS");
        };
    }

    /**
     * Parses a received command.
     *
     * @param verb   the IRC command, any case
     * @param params its parameters
     * @throws FileCommandException carrying the error reply to send back
     */
    static FileCommand parse(String verb, List<String> params) throws FileCommandException {
        String upper = verb.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "FILES" -> new ListFiles();
            case "DOWNLOADS" -> new ListDownloads();
            case "GET" -> {
                requireParams(upper, params, 1, "GET needs a file name: GET <name> [<ranges>]");
                String name;
                try {
                    name = FileNameCodec.decode(params.get(0));
                } catch (IllegalArgumentException e) {
                    throw new FileCommandException(new FileReply.FileRefused(params.get(0),
                            org.messenger.files.catalogue.FileRefusedException.Reason.BAD_NAME, "Cannot read the file name: " + e.getMessage()));
                }
                Optional<RangeRequest> ranges = Optional.empty();
                if (params.size() > 1) {
                    try {
                        ranges = Optional.of(RangeRequest.parse(params.get(1)));
                    } catch (IllegalArgumentException e) {
                        throw new FileCommandException(new FileReply.BadRanges(params.get(1), capitalise(e.getMessage()) + "."));
                    }
                }
                yield new Get(name, ranges);
            }
            case "PAUSE" -> new Pause(id(upper, params));
            case "RESUME", "PROCEED" -> new Resume(id(upper, params));
            case "CANCEL" -> new Cancel(id(upper, params));
            default -> throw new IllegalArgumentException(verb + " is not a file-transfer command");
        };
    }

    private static long id(String verb, List<String> params) throws FileCommandException {
        requireParams(verb, params, 1, verb + " needs a download id: " + verb + " <id> (DOWNLOADS lists them)");
        String text = params.get(0).startsWith("#") ? params.get(0).substring(1) : params.get(0);
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Not a number: same answer as an unknown id, below.
        }
        throw new FileCommandException(new FileReply.NoSuchDownload(params.get(0),
                "'" + params.get(0) + "' is not a download id; DOWNLOADS lists yours."));
    }

    private static void requireParams(String verb, List<String> params, int count, String usage) throws FileCommandException {
        if (params.size() < count || params.get(0).isEmpty()) {
            throw new FileCommandException(new FileReply.NeedMoreParams(verb, usage));
        }
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
