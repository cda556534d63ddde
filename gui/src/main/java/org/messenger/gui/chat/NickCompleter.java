package org.messenger.gui.chat;

import java.util.List;
import java.util.Locale;

/**
 * Tab completion of nicks in the input line, the way IRC clients do it: the word before the caret
 * is completed to the first matching nick (with ": " after it at the start of the line); pressing
 * Tab again right away cycles through the other matches.
 */
public final class NickCompleter {
    /** The input line after completion, and where the caret goes. */
    public record Result(String text, int caret) {}

    private List<String> cycle = List.of();
    private int cycleIndex;
    private String cycleStart;      // the line before the word, as it was when cycling began
    private String cycleRest;       // the line after the caret
    private Result lastResult;

    /**
     * @param nicks the candidates, in the order to offer them
     * @return the completed line, or null when nothing matches
     */
    public Result complete(String text, int caret, List<String> nicks) {
        if (lastResult != null && lastResult.equals(new Result(text, caret)) && cycle.size() > 1) {
            cycleIndex = (cycleIndex + 1) % cycle.size();
            lastResult = build(cycle.get(cycleIndex));
            return lastResult;
        }
        int wordStart = caret;
        while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        String prefix = text.substring(wordStart, caret).toLowerCase(Locale.ROOT);
        if (prefix.isEmpty()) {
            reset();
            return null;
        }
        List<String> matches = nicks.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
        if (matches.isEmpty()) {
            reset();
            return null;
        }
        cycle = matches;
        cycleIndex = 0;
        cycleStart = text.substring(0, wordStart);
        cycleRest = text.substring(caret);
        lastResult = build(matches.get(0));
        return lastResult;
    }

    /** Forgets the cycle; the next Tab starts from the word as typed. */
    public void reset() {
        cycle = List.of();
        lastResult = null;
    }

    private Result build(String nick) {
        String suffix = cycleStart.isBlank() ? ": " : " ";
        String rest = cycleRest.startsWith(" ") ? cycleRest.substring(1) : cycleRest;
        String head = cycleStart + nick + suffix;
        return new Result(head + rest, head.length());
    }
}
