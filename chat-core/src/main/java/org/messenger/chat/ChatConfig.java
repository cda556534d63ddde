package org.messenger.chat;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of a {@link ChatHub}.
 *
 * @param caseMapping how nicks and channel names compare (the IRC server passes its IRC case mapping)
 * @param names which names are valid, and length limits
 * @param historyPerConversation messages kept per channel and per private pair
 * @param maxChannelsPerUser how many channels one user may be in (CHANLIMIT)
 * @param clock stamps messages and events; tests pass a fixed or manual clock
 */
public record ChatConfig(NameFolding caseMapping, NameRules names, int historyPerConversation, int maxChannelsPerUser, Clock clock) {

    public static final int DEFAULT_HISTORY = 100;

    public ChatConfig {
        Objects.requireNonNull(caseMapping, "caseMapping");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(clock, "clock");
        if (historyPerConversation < 0 || maxChannelsPerUser < 1) {
            throw new IllegalArgumentException("history must be >= 0 and channels per user >= 1");
        }
    }

    public static ChatConfig defaults() {
        return new ChatConfig(NameFolding.ASCII, NameRules.DEFAULT, DEFAULT_HISTORY, 50, Clock.systemUTC());
    }

    public ChatConfig withClock(Clock newClock) {
        return new ChatConfig(caseMapping, names, historyPerConversation, maxChannelsPerUser, newClock);
    }

    public ChatConfig withCaseMapping(NameFolding folding) {
        return new ChatConfig(folding, names, historyPerConversation, maxChannelsPerUser, clock);
    }

    public ChatConfig withHistoryPerConversation(int messages) {
        return new ChatConfig(caseMapping, names, messages, maxChannelsPerUser, clock);
    }
}
