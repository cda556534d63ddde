package org.messenger.irc.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messenger.irc.codec.IrcMessage;

/**
 * The answer to one labeled command (https://ircv3.net/specs/extensions/labeled-response): the
 * lines the server sends the client while it handles the command, and those it sends later on
 * the command's behalf (a CHATHISTORY read from the store, an echo waiting for the disk), held
 * back and sent together once the command is done:
 *
 * <ul>
 *   <li>no line: {@code @label=L :server ACK};
 *   <li>one line: that line with {@code label=L};
 *   <li>more: {@code @label=L BATCH +id labeled-response}, each line with {@code batch=id}
 *       (a nested batch's own lines keep theirs), {@code BATCH -id}.
 * </ul>
 *
 * <p>Belongs to the connection's I/O thread, like the connection's other dispatch state.
 */
final class LabeledResponse {
    /** "The label tag ... MUST NOT exceed 64 bytes": a longer one is ignored, the command answered unlabeled. */
    static final int MAX_LABEL_BYTES = 64;

    private final String label;
    private final List<IrcMessage> lines = new ArrayList<>();
    /** Answers still to come from other threads (see {@link IrcConnection#laterInResponse()}). */
    private int pending;
    private boolean dispatched;
    private boolean sent;

    private LabeledResponse(String label) {
        this.label = label;
    }

    /** The response to collect for {@code command}, or null when it is not labeled (or the client did not ask for labels). */
    static LabeledResponse forCommand(IrcConnection c, IrcMessage command) {
        if (!c.has(Capability.LABELED_RESPONSE)) {
            return null;
        }
        String label = command.tags().get("label");
        if (label == null || label.isEmpty() || label.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_BYTES) {
            return null;
        }
        return new LabeledResponse(label);
    }

    void add(IrcMessage line) {
        lines.add(line);
    }

    void hold() {
        pending++;
    }

    void release() {
        pending--;
    }

    void dispatched() {
        dispatched = true;
    }

    /** True once the handler has returned and nothing more is to come. */
    boolean isComplete() {
        return dispatched && pending == 0 && !sent;
    }

    /** The lines to send, labeled as the specification says; once. */
    List<IrcMessage> render(IrcConnection c) {
        sent = true;
        if (lines.isEmpty()) {
            return List.of(new IrcMessage(Map.of("label", label), c.serverName(), "ACK", List.of()));
        }
        if (lines.size() == 1) {
            return List.of(withTag(lines.get(0), "label", label));
        }
        String id = c.nextBatchId();
        List<IrcMessage> out = new ArrayList<>(lines.size() + 2);
        out.add(new IrcMessage(Map.of("label", label), c.serverName(), "BATCH", List.of("+" + id, "labeled-response")));
        for (IrcMessage line : lines) {
            // A line already in a batch (a chathistory batch inside this one) stays in it.
            out.add(line.tags().containsKey("batch") ? line : withTag(line, "batch", id));
        }
        out.add(new IrcMessage(Map.of(), c.serverName(), "BATCH", List.of("-" + id)));
        return out;
    }

    private static IrcMessage withTag(IrcMessage line, String key, String value) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(key, value);
        tags.putAll(line.tags());
        return line.withTags(tags);
    }
}
