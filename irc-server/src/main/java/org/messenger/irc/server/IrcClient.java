package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import java.net.InetSocketAddress;
import org.messenger.irc.codec.IrcMessage;

/**
 * What an {@link IrcExtension} sees of one connected IRC client. Every method is safe to call
 * from any thread; sending never blocks (a client whose send queue overflows is dropped).
 */
public interface IrcClient {

    /** The client's nick, or "*" before registration. */
    String nick();

    /** Where the client connects from (e.g. to send it UDP datagrams). */
    InetSocketAddress remoteAddress();

    boolean isRegistered();

    /** This server's name, the source of server messages. */
    String serverName();

    /** Sends a numeric reply {@code :server <code> <nick> <params...>}; the last parameter is the text. */
    void sendNumeric(String code, String... params);

    /** Sends a numeric reply by name; with no text in {@code params}, the numeric's usual text is added. */
    void sendNumeric(Numeric numeric, String... params);

    /** Sends {@code :server NOTICE <nick> :<text>}. */
    void sendNotice(String text);

    /** Sends any message as is. */
    void send(IrcMessage message);

    /** Sends {@code ERROR :Closing Link: ...(reason)} and closes the connection; others see QUIT with the reason. */
    void disconnect(String reason);
}
