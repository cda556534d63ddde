package org.messenger.irc.server;

import org.messenger.irc.codec.IrcMessage;

/**
 * A module that adds IRC commands to the server (for example the file service: FILES, GET,
 * PAUSE, RESUME, CANCEL, DOWNLOADS). Give it to {@link IrcServerConfig.Builder#extension}.
 *
 * <p>Its commands go into the same table as the built-in ones, so the same shared checks apply
 * before a handler runs: registration (ERR_NOTREGISTERED), minimum parameters
 * (ERR_NEEDMOREPARAMS) and flood control. Handlers run on the client's I/O thread: do slow work
 * elsewhere and answer through {@link IrcClient}, which is thread-safe.
 */
public interface IrcExtension {

    /** Called once while the server starts, before it accepts connections. */
    void registerCommands(CommandRegistry commands);

    /** A client finished registration (it has its nick). */
    default void clientRegistered(IrcClient client) {}

    /**
     * A registered client is gone (QUIT, socket closed, ping timeout, flood, send queue, server
     * shutdown): release whatever it held. Called once per registered client, on its I/O thread.
     */
    default void clientDisconnected(IrcClient client, String reason) {}

    /** Adds commands; refuses a name that is already taken, built-in or not. */
    interface CommandRegistry {
        /**
         * @param name the command word, case-insensitive
         * @param minParams fewer parameters get ERR_NEEDMOREPARAMS without calling the handler
         * @param allowedBeforeRegistration false: an unregistered client gets ERR_NOTREGISTERED
         */
        void register(String name, int minParams, boolean allowedBeforeRegistration, Handler handler);
    }

    /** Runs one command; {@code message.params()} has at least the declared minimum. */
    @FunctionalInterface
    interface Handler {
        void handle(IrcClient client, IrcMessage message);
    }
}
