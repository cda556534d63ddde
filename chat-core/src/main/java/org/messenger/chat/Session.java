package org.messenger.chat;

/**
 * The hub's handle on one connected user's connection: a protocol adapter implements it.
 *
 * <p>{@link #deliver} is called with the hub's lock held, possibly from another connection's
 * thread. It must not block and must not call back into the hub: queue the event and return.
 * A hub with a {@link PresenceWindow} also calls it when a window ends, from the thread the
 * window's scheduler runs on, with a {@link HubEvent.PresenceBatch}.
 */
public interface Session {
    void deliver(HubEvent event);
}
