package org.messenger.irc.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.messenger.chat.ChatUser;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;

/**
 * Changing who a user appears to be after registration: SETNAME (the real name, by the user:
 * https://ircv3.net/specs/extensions/setname), and CHGHOST / CHGIDENT (host and user name, by a
 * server operator, with InspIRCd's commands; seen through https://ircv3.net/specs/extensions/chghost).
 *
 * <p>This server gives nobody a host other than their address by itself (no cloaks): a host
 * changes only when an operator says so, e.g. to give a known user a readable vhost or to hide an
 * address.
 */
final class IdentityCommands {
    /** The longest real name SETNAME takes, as InspIRCd's default {@code maxreal}. */
    static final int MAX_REALNAME = 128;
    /** The longest host CHGHOST takes, as InspIRCd's default {@code maxhost}. */
    static final int MAX_HOST = 64;
    /** USERLEN in ISUPPORT. */
    static final int MAX_USERNAME = 11;

    private IdentityCommands() {}

    static void register(CommandTable table) {
        table.add("SETNAME", 1, false, IdentityCommands::setname);
        table.add("CHGHOST", 2, false, IdentityCommands::chghost);
        table.add("CHGIDENT", 2, false, IdentityCommands::chgident);
    }

    /**
     * SETNAME :realname. The user (when it has the capability) and everyone sharing a channel who
     * has it get {@code :nick!user@host SETNAME :realname}; a client without it may change its
     * name too, it is then told nothing (WHOIS shows the new name).
     */
    private static void setname(IrcConnection c, IrcMessage m) {
        String realname = m.param(0);
        if (realname.isBlank() || realname.codePointCount(0, realname.length()) > MAX_REALNAME || hasControl(realname)) {
            c.send(new IrcMessage(Map.of(), c.serverName(), "FAIL", List.of("SETNAME", "INVALID_REALNAME",
                    "Real name not changed: give 1 to " + MAX_REALNAME + " characters, not only spaces and no control characters")));
            return;
        }
        c.server().hub().setRealname(c.user(), realname);
    }

    /** CHGHOST nick host: server operators only (481); 401 for a nick nobody holds. */
    private static void chghost(IrcConnection c, IrcMessage m) {
        Optional<ChatUser> target = operatorTarget(c, m);
        if (target.isEmpty()) {
            return;
        }
        String host = m.param(1);
        if (!isValidHost(host)) {
            c.send(new IrcMessage(Map.of(), c.serverName(), "FAIL", List.of("CHGHOST", "INVALID_HOST", host.isEmpty() ? "*" : host,
                    "Host not changed: give 1 to " + MAX_HOST + " letters, digits and . - : / (not starting with : or -)")));
            return;
        }
        ChatUser user = target.get();
        c.server().hub().changeUserHost(user, user.username(), host);
        c.sendNotice("The host of " + user.nick() + " is now " + host);
    }

    /** CHGIDENT nick username: server operators only (481); 401 for a nick nobody holds. */
    private static void chgident(IrcConnection c, IrcMessage m) {
        Optional<ChatUser> target = operatorTarget(c, m);
        if (target.isEmpty()) {
            return;
        }
        String username = m.param(1);
        if (!isValidUsername(username)) {
            c.send(new IrcMessage(Map.of(), c.serverName(), "FAIL", List.of("CHGIDENT", "INVALID_USERNAME", username.isEmpty() ? "*" : username,
                    "User name not changed: give 1 to " + MAX_USERNAME + " letters, digits and . - _ ~")));
            return;
        }
        ChatUser user = target.get();
        c.server().hub().changeUserHost(user, username, user.host());
        c.sendNotice("The user name of " + user.nick() + " is now " + username);
    }

    private static Optional<ChatUser> operatorTarget(IrcConnection c, IrcMessage m) {
        if (!c.user().isServerOperator()) {
            c.reply(Numeric.ERR_NOPRIVILEGES);
            return Optional.empty();
        }
        Optional<ChatUser> target = c.server().hub().findUser(m.param(0));
        if (target.isEmpty()) {
            c.reply(Numeric.ERR_NOSUCHNICK, m.param(0));
        }
        return target;
    }

    /** A host others can put in a ban mask and parse in {@code nick!user@host}: no space, '!', '@', '*', '?' or ','. */
    static boolean isValidHost(String host) {
        if (host.isEmpty() || host.length() > MAX_HOST || host.charAt(0) == ':' || host.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char ch = host.charAt(i);
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '.' || ch == '-' || ch == ':' || ch == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isValidUsername(String username) {
        if (username.isEmpty() || username.length() > MAX_USERNAME) {
            return false;
        }
        for (int i = 0; i < username.length(); i++) {
            char ch = username.charAt(i);
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '.' || ch == '-' || ch == '_' || ch == '~';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
