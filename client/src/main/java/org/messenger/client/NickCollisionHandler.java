package org.messenger.client;

import java.util.Optional;

/**
 * Decides what to do when the server says our nick is taken during registration.
 *
 * <p>Called on the event thread (never the network thread), so it may take its time, for
 * example to ask the user; the connect timeout keeps running meanwhile.
 */
@FunctionalInterface
public interface NickCollisionHandler {
    /** Another nick to try, or empty to give up (connect then fails with {@link NickTakenException}). */
    Optional<String> alternativeFor(String takenNick, int attempt);

    /** Give up at once: the default. */
    NickCollisionHandler GIVE_UP = (nick, attempt) -> Optional.empty();
}
