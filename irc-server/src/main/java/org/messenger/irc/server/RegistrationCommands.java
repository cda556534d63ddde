package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.messenger.chat.ChatError;
import org.messenger.chat.ChatException;
import org.messenger.chat.ChatHub;
import org.messenger.chat.ChatUser;
import org.messenger.irc.codec.IrcMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection registration (RFC 2812 §3.1: PASS, NICK, USER, QUIT, modern.ircdocs.horse
 * "Connection Registration") and the PING/PONG keep-alive (§3.7.2, §3.7.3). Registration
 * completes when NICK and USER are both in and CAP negotiation, if begun, has ended.
 */
final class RegistrationCommands {
    private static final Logger log = LoggerFactory.getLogger(RegistrationCommands.class);

    private RegistrationCommands() {}

    static void register(CommandTable table) {
        table.add("PASS", 1, true, RegistrationCommands::pass);
        table.add("NICK", 0, true, RegistrationCommands::nick);
        table.add("USER", 4, true, RegistrationCommands::user);
        table.add("PING", 1, true, RegistrationCommands::ping);
        table.add("PONG", 0, true, (c, m) -> { }); // any line counts as a sign of life; see IrcConnectionHandler
        table.add("QUIT", 0, true, RegistrationCommands::quit);
    }

    private static void pass(IrcConnection c, IrcMessage m) {
        if (c.isRegistered()) {
            c.reply(Numeric.ERR_ALREADYREGISTRED);
            return;
        }
        c.password = m.param(0);
    }

    private static void nick(IrcConnection c, IrcMessage m) {
        String nick = m.param(0);
        if (nick == null || nick.isEmpty()) {
            c.reply(Numeric.ERR_NONICKNAMEGIVEN);
            return;
        }
        ChatHub hub = c.server().hub();
        if (c.isRegistered()) {
            try {
                hub.changeNick(c.user(), nick);
                AccountCommands.checkNickClaim(c);
            } catch (ChatException e) {
                refuseNick(c, e.error(), nick);
            }
            return;
        }
        if (!hub.config().names().isValidNick(nick)) {
            refuseNick(c, ChatError.ERRONEOUS_NICK, nick);
            return;
        }
        if (!hub.isNickAvailable(nick)) {
            c.reply(Numeric.ERR_NICKNAMEINUSE, nick);
            return;
        }
        c.pendingNick = nick;
        completeRegistration(c);
    }

    /** 432 says what a nick may be, with this server's length limit (the NICKLEN it announces in 005). */
    private static void refuseNick(IrcConnection c, ChatError error, String nick) {
        if (error != ChatError.ERRONEOUS_NICK) {
            c.reply(ChatErrors.numeric(error), nick);
            return;
        }
        int maxLength = c.server().hub().config().names().nickLength();
        c.sendNumeric(Numeric.ERR_ERRONEUSNICKNAME.code(), nick, Numeric.ERR_ERRONEUSNICKNAME.text()
                + " (letters, digits and []\\`_^{|}- only, no digit or - first, at most " + maxLength + " characters)");
    }

    private static void user(IrcConnection c, IrcMessage m) {
        if (c.isRegistered()) {
            c.reply(Numeric.ERR_ALREADYREGISTRED);
            return;
        }
        if (m.param(3).isEmpty()) {
            // modern.ircdocs.horse USER: "If the <realname> parameter is empty, ERR_NEEDMOREPARAMS".
            c.reply(Numeric.ERR_NEEDMOREPARAMS, "USER");
            return;
        }
        // No ident lookup: RFC 1413 convention is a '~' before an unverified user name.
        c.username = "~" + sanitizeUsername(m.param(0));
        c.realname = m.param(3);
        completeRegistration(c);
    }

    private static void ping(IrcConnection c, IrcMessage m) {
        c.send(IrcMessage.from(c.serverName(), "PONG", c.serverName(), m.param(0)));
    }

    private static void quit(IrcConnection c, IrcMessage m) {
        String text = m.param(0);
        c.disconnect(text == null || text.isEmpty() ? "Quit" : "Quit: " + text);
    }

    /** Called whenever a piece of registration arrives; registers once all are there. */
    static void completeRegistration(IrcConnection c) {
        if (c.isRegistered() || c.pendingNick == null || c.username == null || c.capNegotiating || c.isClosing()) {
            return;
        }
        IrcServerConfig config = c.server().config();
        if (config.password() != null && !passwordMatches(config.password(), c.password)) {
            c.server().admissions().passwordFailed(c.remoteAddress());
            c.reply(Numeric.ERR_PASSWDMISMATCH);
            c.disconnect("Bad password");
            return;
        }
        ChatUser user;
        try {
            user = c.server().hub().register(c.pendingNick, c.username, c.realname, c.host(), c);
        } catch (ChatException e) {
            // Someone took the nick between our NICK check and now: the client picks another.
            refuseNick(c, e.error(), c.pendingNick);
            c.pendingNick = null;
            return;
        }
        c.registered(user);
        c.server().connections().put(user, c);
        log.debug("registered {}", c.describe());
        if (c.pendingAccount != null) {
            // Logged in with SASL before registering: known to the hub before anyone sees the user join.
            c.server().hub().setAccount(user, c.pendingAccount);
            c.pendingAccount = null;
        }
        Welcome.send(c);
        if (user.account() != null) {
            AccountCommands.setRegisteredMode(c);
        }
        for (IrcExtension extension : c.server().extensions()) {
            try {
                extension.clientRegistered(c);
            } catch (RuntimeException e) {
                log.error("extension {} failed on registration of {}", extension.getClass().getName(), c.describe(), e);
            }
        }
        ChannelCommands.join(c, config.lobby(), null);
        AccountCommands.checkNickClaim(c);
    }

    /**
     * Compares in constant time: both sides are hashed first, so neither the content nor the length
     * of the server's password shows in how long a wrong guess takes (MessageDigest.isEqual is
     * constant time only for arrays of one length).
     */
    static boolean passwordMatches(String expected, String given) {
        if (given == null) {
            return false;
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] a = sha256.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha256.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String sanitizeUsername(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length() && out.length() < 10; i++) {
            char c = raw.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                out.append(c);
            }
        }
        return out.isEmpty() ? "user" : out.toString();
    }
}
