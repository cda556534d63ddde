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
    /** Ban masks per channel (ISUPPORT MAXLIST=b:100, as InspIRCd's default). */
    public static final int MAX_BANS_PER_CHANNEL = 100;
    /** The highest member limit (+l) accepted: larger numbers are refused, not wrapped or saturated. */
    public static final int MAX_CHANNEL_LIMIT = 1_000_000;
    /** Pending invites kept per user; the oldest is forgotten beyond this. */
    public static final int MAX_INVITES_PER_USER = 100;

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
