package org.messenger.cli.chat;

import java.util.ArrayList;
import java.util.List;
import org.messenger.client.SlashCommand;

/**
 * What the terminal chat offers beyond the shared {@link SlashCommand}s: the file commands, and
 * the help that lists both. Typed lines are parsed by {@link SlashCommand#parse} only.
 */
final class ChatInput {
    /** Every command of the terminal chat, for /help and tab completion. */
    static final List<String> COMMANDS;

    static {
        List<String> all = new ArrayList<>(SlashCommand.COMMANDS);
        all.addAll(FileChatCommands.COMMANDS);
        COMMANDS = List.copyOf(all);
    }

    private ChatInput() {}

    static List<String> helpLines() {
        List<String> lines = new ArrayList<>();
        lines.add("Type text and press Enter to talk to everyone in the lobby.");
        lines.addAll(SlashCommand.helpLines());
        lines.add("  /files               files the server shares");
        lines.add("  /get <name>          download one into the current folder (continues an earlier attempt)");
        lines.add("  /pause <id>, /resume <id>, /cancel <id>, /downloads   control your downloads");
        lines.add("Tab completes commands and nicks. Channel commands act on the lobby unless you name a channel.");
        return lines;
    }
}
