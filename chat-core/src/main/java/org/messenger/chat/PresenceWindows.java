package org.messenger.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's open presence windows ({@link PresenceWindow}): for each channel with one, its JOINs,
 * PARTs and QUITs not yet told, in order, and where each member that joined during it starts.
 * Belongs to {@link LocalChatHub} and is only touched under its lock; the end of a window is the
 * hub's task, which takes the lock and calls {@link #tellAll}.
 */
final class PresenceWindows {
    /** What a window needs of a channel: its name and who is in it now. */
    interface Audience {
        String name();

        Iterable<ChatUser> members();
    }

    private final PresenceWindow window;
    private final Runnable end;
    /** Open windows, in the order they started. */
    private final Map<Audience, Window> open = new IdentityHashMap<>();
    private final List<Audience> order = new ArrayList<>();
    /** The channel whose window holds the latest event about each user that has one waiting. */
    private final Map<ChatUser, Audience> latestAbout = new HashMap<>();
    private boolean endScheduled;

    /** {@code end} runs when a window's time is up: the hub's task that takes its lock and calls {@link #tellAll}. */
    PresenceWindows(PresenceWindow window, Runnable end) {
        this.window = window;
        this.end = end;
    }

    boolean isEmpty() {
        return order.isEmpty();
    }

    /**
     * Call before an event about {@code subject} happens in {@code channel} (before a joiner is a
     * member: a window told now must not tell it what came before it joined). When another
     * channel's window holds an earlier event about the subject, every window is told first:
     * windows are told channel by channel, so a member of both channels could otherwise hear
     * that a user joined #b before it joined #a, or that it left #a after it quit.
     */
    void beforeEventAbout(ChatUser subject, Audience channel) {
        Audience earlier = latestAbout.get(subject);
        if (earlier != null && earlier != channel) {
            tellAll();
        }
    }

    /** {@code joiner} (a member now) joined {@code channel}; the others hear of it with the window. */
    void joined(Audience channel, ChatUser joiner, HubEvent event) {
        Window w = windowOf(channel);
        w.events.add(event);
        w.knownFrom.put(joiner, w.events.size());
        latestAbout.put(joiner, channel);
        endIfFull(w);
    }

    /**
     * {@code leaver}, still a member, leaves {@code channel}: it is told what it has not been of
     * the window, so that it sees the channel as it was when it left, and the others hear of the
     * PART with the window. The caller then removes it from the channel and calls {@link #endIfFull}.
     */
    void parting(Audience channel, ChatUser leaver, HubEvent event) {
        Window w = open.get(channel);
        if (w != null) {
            Integer known = w.knownFrom.remove(leaver);
            int from = known == null ? 0 : known;
            if (from < w.events.size()) {
                leaver.session().deliver(new HubEvent.PresenceBatch(channel.name(), List.copyOf(w.events), from));
            }
        }
        windowOf(channel).events.add(event);
        latestAbout.put(leaver, channel);
    }

    /** {@code quitter}, no longer a member, was in {@code channel} alone: its members hear of it with the window. */
    void quit(Audience channel, ChatUser quitter, HubEvent event) {
        Window w = windowOf(channel);
        w.events.add(event);
        latestAbout.remove(quitter);
        endIfFull(w);
    }

    /** Tells every window now if {@code channel}'s is full. */
    void endIfFull(Audience channel) {
        Window w = open.get(channel);
        if (w != null) {
            endIfFull(w);
        }
    }

    private void endIfFull(Window w) {
        if (w.events.size() >= window.maxEvents()) {
            tellAll();
        }
    }

    /** The window's time is up (the hub's task, under its lock). */
    void ended() {
        endScheduled = false;
        tellAll();
    }

    /**
     * Tells every member of each channel with a window what it does not know yet of it: one
     * batch per member, whose list all of them share. A member that joined during the window is
     * told only what came after its own JOIN.
     */
    void tellAll() {
        for (int i = 0; i < order.size(); i++) {
            Audience channel = order.get(i);
            Window w = open.get(channel);
            List<HubEvent> events = Collections.unmodifiableList(w.events);
            boolean anyJoined = !w.knownFrom.isEmpty();
            for (ChatUser member : channel.members()) {
                int from = 0;
                if (anyJoined) {
                    Integer known = w.knownFrom.get(member);
                    from = known == null ? 0 : known;
                }
                if (from < events.size()) {
                    member.session().deliver(new HubEvent.PresenceBatch(channel.name(), events, from));
                }
            }
        }
        open.clear();
        order.clear();
        latestAbout.clear();
    }

    /** The channel's window, started (and its end scheduled) if it has none. */
    private Window windowOf(Audience channel) {
        Window w = open.get(channel);
        if (w == null) {
            w = new Window();
            open.put(channel, w);
            order.add(channel);
            if (!endScheduled) {
                endScheduled = true;
                window.scheduler().schedule(end, window.delay().toNanos());
            }
        }
        return w;
    }

    /** One channel's window: its events in order, and where each member that joined during it starts. */
    private static final class Window {
        final List<HubEvent> events = new ArrayList<>();
        /** Members that joined during the window: the index of the first event they were not part of. */
        final Map<ChatUser, Integer> knownFrom = new HashMap<>();
    }
}
