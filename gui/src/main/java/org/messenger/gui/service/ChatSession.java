package org.messenger.gui.service;

import org.messenger.irc.codec.IrcMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.messenger.client.ChatListener;
import org.messenger.client.ServerAddress;

/**
 * One registered connection, as the GUI uses it. Sends never wait on the network; events arrive on
 * the listener's thread (the client library's event thread), never on the UI thread.
 */
public interface ChatSession {
    ServerAddress server();

    /** Our nick right now. */
    String nick();

    /** The lobby channel the server put us in, e.g. {@code #lobby}. */
    String lobby();

    /** The lobby's users at this moment, ourselves included. */
    List<String> users();

    /**
     * Starts delivering events. Events that arrived since the connection opened (our own join,
     * the first user list) are delivered first, so nothing is lost between connect and the window.
     */
    void listen(ChatListener listener);

    void sendToLobby(String text);

    /** Completes when the server accepted the message; fails with "nick bob is not online" and the like. */
    CompletableFuture<Void> sendPrivate(String nick, String text);

    /** A "/me" action to the lobby or to a nick. */
    void sendAction(String target, String text);

    /**
     * Loads the latest lines of a conversation the user opened (CHATHISTORY, when the server keeps
     * history); they arrive as a HistoryLoaded event. Completes when they were delivered.
     */
    CompletableFuture<?> loadHistory(String conversation);

    /** Sends one IRC line as is (the channel commands: KICK, MODE, TOPIC, INVITE, AWAY, OPER); answers come as events. */
    void sendRaw(IrcMessage message);

    /**
     * Asks the server for a new nick. Completes with it once the server agreed (a NickChanged
     * event follows); fails with NickTakenException or a NICK_INVALID ChatClientException.
     */
    CompletableFuture<String> changeNick(String newNick);

    /**
     * Registers an account named after our nick with {@code password} (IRCv3
     * draft/account-registration) and logs in to it; completes with the account name once the
     * server saved it, or fails with the server's reason (account exists, weak password, not
     * encrypted...).
     */
    CompletableFuture<String> registerAccount(String password);

    /** Says goodbye to the server and closes the connection, off the caller's thread. Idempotent. */
    CompletableFuture<Void> disconnect();
}
