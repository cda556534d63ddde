package org.messenger.cli.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

/**
 * Live progress lines in JLine's status area at the bottom of the terminal, under the prompt, so
 * that chat lines printed above and the line being typed are left alone. The status is redrawn
 * through a widget: {@link LineReader#callWidget} runs it under the reader's lock, so a redraw
 * never interleaves with the reader's own drawing. Between two prompts (no readLine running) an
 * update is kept and drawn with the next one.
 */
final class StatusBarProgress implements ProgressLines, AutoCloseable {
    private static final String WIDGET = "messenger-progress";

    private final LineReader reader;
    private final Status status;
    private final Map<Long, String> lines = new LinkedHashMap<>();

    private StatusBarProgress(LineReader reader, Status status) {
        this.reader = reader;
        this.status = status;
        reader.getWidgets().put(WIDGET, this::draw);
    }

    /** A status bar when the terminal can keep one (scroll region and cursor addressing), else {@link ProgressLines#NONE}. */
    static ProgressLines on(LineReader reader) {
        Terminal terminal = reader.getTerminal();
        boolean capable = terminal.getStringCapability(InfoCmp.Capability.change_scroll_region) != null
                && terminal.getStringCapability(InfoCmp.Capability.save_cursor) != null
                && terminal.getStringCapability(InfoCmp.Capability.restore_cursor) != null
                && terminal.getStringCapability(InfoCmp.Capability.cursor_address) != null;
        if (!capable || terminal.getHeight() < 3) {
            return NONE;
        }
        return new StatusBarProgress(reader, Status.getStatus(terminal));
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public void update(long key, String line) {
        synchronized (lines) {
            lines.put(key, line);
        }
        redraw();
    }

    @Override
    public void remove(long key) {
        synchronized (lines) {
            if (lines.remove(key) == null) {
                return;
            }
        }
        redraw();
    }

    private void redraw() {
        try {
            reader.callWidget(WIDGET);
        } catch (IllegalStateException notReading) {
            // No prompt right now (a line is being handled); the next update draws the current lines.
        }
    }

    /** Runs under the reader's lock. */
    private boolean draw() {
        List<AttributedString> rows = new ArrayList<>();
        synchronized (lines) {
            // Keep at least two rows of the terminal for the chat and the prompt.
            int room = Math.max(1, reader.getTerminal().getHeight() - 2);
            for (String line : lines.values()) {
                if (rows.size() == room) {
                    break;
                }
                rows.add(new AttributedString(line));
            }
        }
        status.update(rows);
        return true;
    }

    /** Clears the status area; call after the last readLine ended. */
    @Override
    public void close() {
        synchronized (lines) {
            lines.clear();
        }
        status.update(List.of());
        status.close();
    }
}
