package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.messenger.chat.ChannelMembership;
import org.messenger.chat.ChannelView;
import org.messenger.chat.ChatHub;
import org.messenger.chat.ChatUser;
import org.messenger.chat.Wildcard;
import org.messenger.irc.codec.IrcMessage;

/**
 * Questions about users and the server, RFC 2812 §3.4-3.6 and §4: WHO, WHOIS, WHOWAS, USERHOST,
 * ISON, AWAY, MOTD, LUSERS, VERSION.
 */
final class QueryCommands {
    private QueryCommands() {}

    static void register(CommandTable table) {
        table.add("WHO", 0, false, QueryCommands::who);
        table.add("WHOIS", 1, false, QueryCommands::whois);
        table.add("WHOWAS", 1, false, QueryCommands::whowas);
        table.add("USERHOST", 1, false, QueryCommands::userhost);
        table.add("ISON", 1, false, QueryCommands::ison);
        table.add("AWAY", 0, false, QueryCommands::away);
        table.add("MOTD", 0, false, (c, m) -> Welcome.sendMotd(c));
        table.add("LUSERS", 0, false, (c, m) -> Welcome.sendLusers(c));
        table.add("VERSION", 0, false, QueryCommands::version);
    }

    /**
     * WHO (https://modern.ircdocs.horse/#who-message) and WHOX (https://ircv3.net/specs/extensions/whox).
     * A channel lists its members (nothing of a secret channel to outsiders); an exact nick gives
     * that user; anything else is a mask matched against nick, username, host and real name, as
     * InspIRCd does. Invisible (+i) users are listed only to users sharing a channel with them,
     * and to server operators. A second parameter {@code %fields[,token]} asks for RPL_WHOSPCRPL.
     */
    private static void who(IrcConnection c, IrcMessage m) {
        ChatHub hub = c.server().hub();
        String mask = m.params().isEmpty() || m.param(0).isEmpty() || m.param(0).equals("0") ? "*" : m.param(0);
        Whox whox = m.params().size() > 1 ? Whox.parse(m.param(1)) : null;
        ChatUser me = c.user();
        boolean seesAll = me.isServerOperator();
        if (hub.config().names().isChannelName(mask)) {
            Optional<ChannelView> found = hub.channel(mask);
            if (found.isPresent() && (!found.get().modes().secret() || found.get().isMember(me) || seesAll)) {
                ChannelView channel = found.get();
                boolean member = channel.isMember(me) || seesAll;
                for (ChatUser user : channel.members()) {
                    if (member || !user.isInvisible()) {
                        whoReply(c, whox, channel.name(), ChannelCommands.prefix(channel, user, c.has(Capability.MULTI_PREFIX)), user);
                    }
                }
            }
        } else if (mask.indexOf('*') < 0 && mask.indexOf('?') < 0) {
            hub.findUser(mask).ifPresent(user -> whoUser(c, whox, hub, user));
        } else {
            String folded = hub.fold(mask);
            for (ChatUser user : hub.users()) {
                boolean matches = Wildcard.matches(folded, hub.fold(user.nick())) || Wildcard.matches(folded, hub.fold(user.username()))
                        || Wildcard.matches(folded, hub.fold(user.host())) || Wildcard.matches(folded, hub.fold(user.realname()));
                if (matches && (!user.isInvisible() || seesAll || user == me || hub.sharesChannel(me, user))) {
                    whoUser(c, whox, hub, user);
                }
            }
        }
        c.reply(Numeric.RPL_ENDOFWHO, mask);
    }

    /** A user found by nick or mask: shown with the first channel of it that the asker may see, or "*". */
    private static void whoUser(IrcConnection c, Whox whox, ChatHub hub, ChatUser user) {
        ChatUser me = c.user();
        for (ChannelMembership membership : hub.membershipsOf(user)) {
            if (!membership.secret() || me.isServerOperator() || hub.isMember(me, membership.channel())) {
                whoReply(c, whox, membership.channel(), prefix(membership, c.has(Capability.MULTI_PREFIX)), user);
                return;
            }
        }
        whoReply(c, whox, "*", "", user);
    }

    static String prefix(ChannelMembership membership, boolean all) {
        if (membership.operator() && membership.voiced()) {
            return all ? "@+" : "@";
        }
        return membership.operator() ? "@" : membership.voiced() ? "+" : "";
    }

    /**
     * RPL_WHOREPLY {@code <channel> <user> <host> <server> <nick> <flags> :<hopcount> <realname>}:
     * flags are H (here) or G (gone, away), then * for a server operator, then the channel
     * prefixes. With WHOX, RPL_WHOSPCRPL with the fields asked for, in the spec's fixed order.
     */
    private static void whoReply(IrcConnection c, Whox whox, String channel, String prefix, ChatUser user) {
        String flags = (user.awayMessage() == null ? "H" : "G") + (user.isServerOperator() ? "*" : "") + prefix;
        if (whox == null) {
            c.reply(Numeric.RPL_WHOREPLY, channel, user.username(), user.host(), c.serverName(), user.nick(), flags,
                    "0 " + user.realname());
            return;
        }
        List<String> fields = new ArrayList<>();
        for (char field : Whox.ORDER.toCharArray()) {
            if (whox.fields().indexOf(field) < 0) {
                continue;
            }
            switch (field) {
                case 't' -> fields.add(whox.token());
                case 'c' -> fields.add(channel);
                case 'u' -> fields.add(user.username());
                case 'i' -> fields.add(user.host()); // the host is the IP address: no DNS lookups here
                case 'h' -> fields.add(user.host());
                case 's' -> fields.add(c.serverName());
                case 'n' -> fields.add(user.nick());
                case 'f' -> fields.add(flags);
                case 'd' -> fields.add("0");
                case 'l' -> fields.add(Long.toString(idleSeconds(c.server().hub(), user)));
                // No accounts yet: "0" is the spec's "not logged in". The accounts work fills this in.
                case 'a' -> fields.add(user.account() == null ? "0" : user.account());
                case 'o' -> fields.add("n/a");
                case 'r' -> fields.add(user.realname());
                default -> { }
            }
        }
        if (fields.isEmpty()) {
            return;
        }
        // Only the real name may contain spaces; anything else last is sent as a word.
        if (whox.fields().indexOf('r') < 0) {
            fields.add(fields.removeLast());
        }
        c.sendNumeric(Numeric.RPL_WHOSPCRPL.code(), fields.toArray(String[]::new));
    }

    /** A WHOX request: {@code %fields[,token]}; the token is at most 3 digits, as the spec says. */
    record Whox(String fields, String token) {
        static final String ORDER = "tcuihsnfdlaor";

        static Whox parse(String param) {
            if (param.isEmpty() || param.charAt(0) != '%') {
                return null; // an old-style flag such as "o": ignored
            }
            int comma = param.indexOf(',');
            String fields = comma < 0 ? param.substring(1) : param.substring(1, comma);
            String token = comma < 0 ? "0" : param.substring(comma + 1);
            if (token.isEmpty() || token.length() > 3 || !token.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                token = "0";
            }
            return new Whox(fields, token);
        }
    }

    private static long idleSeconds(ChatHub hub, ChatUser user) {
        return Math.max(0, Duration.between(user.lastSpokeAt(), hub.config().clock().instant()).toSeconds());
    }

    /**
     * WHOIS (https://modern.ircdocs.horse/#whois-message): 311, 319 (channels with prefixes,
     * secret ones only to those who share them), 312, 313, 301, 671, 317, 318.
     */
    private static void whois(IrcConnection c, IrcMessage m) {
        // "WHOIS server nick" asks a given server; we are the only one.
        String nick = m.lastParam();
        ChatHub hub = c.server().hub();
        Optional<ChatUser> found = hub.findUser(nick);
        if (found.isEmpty()) {
            c.reply(Numeric.ERR_NOSUCHNICK, nick);
            c.reply(Numeric.RPL_ENDOFWHOIS, nick);
            return;
        }
        ChatUser user = found.get();
        ChatUser me = c.user();
        c.reply(Numeric.RPL_WHOISUSER, user.nick(), user.username(), user.host(), "*", user.realname());
        List<String> channels = new ArrayList<>();
        boolean multiPrefix = c.has(Capability.MULTI_PREFIX);
        for (ChannelMembership membership : hub.membershipsOf(user)) {
            if (!membership.secret() || user == me || me.isServerOperator() || hub.isMember(me, membership.channel())) {
                channels.add(prefix(membership, multiPrefix) + membership.channel());
            }
        }
        if (!channels.isEmpty()) {
            c.reply(Numeric.RPL_WHOISCHANNELS, user.nick(), String.join(" ", channels));
        }
        c.reply(Numeric.RPL_WHOISSERVER, user.nick(), c.serverName(), c.server().config().networkName());
        if (user.isServerOperator()) {
            c.reply(Numeric.RPL_WHOISOPERATOR, user.nick());
        }
        if (user.awayMessage() != null) {
            c.reply(Numeric.RPL_AWAY, user.nick(), user.awayMessage());
        }
        if (user.account() != null) {
            c.reply(Numeric.RPL_WHOISACCOUNT, user.nick(), user.account());
        }
        IrcConnection connection = c.server().connections().get(user);
        if (connection != null && connection.isSecure()) {
            c.reply(Numeric.RPL_WHOISSECURE, user.nick());
        }
        c.reply(Numeric.RPL_WHOISIDLE, user.nick(), Long.toString(idleSeconds(hub, user)), Long.toString(user.signedOnAt().getEpochSecond()));
        c.reply(Numeric.RPL_ENDOFWHOIS, user.nick());
    }

    /** We keep no record of past nicks. */
    private static void whowas(IrcConnection c, IrcMessage m) {
        c.reply(Numeric.ERR_WASNOSUCHNICK, m.param(0));
        c.reply(Numeric.RPL_ENDOFWHOWAS, m.param(0));
    }

    /** RFC 2812 §4.8: up to 5 nicks, answered as {@code nick=+user@host} ('-' when away). */
    private static void userhost(IrcConnection c, IrcMessage m) {
        ChatHub hub = c.server().hub();
        List<String> replies = new ArrayList<>();
        for (String param : m.params().subList(0, Math.min(5, m.params().size()))) {
            for (String nick : param.split(" ")) {
                hub.findUser(nick).ifPresent(u ->
                        replies.add(u.nick() + "=" + (u.awayMessage() == null ? "+" : "-") + u.username() + "@" + u.host()));
            }
        }
        c.reply(Numeric.RPL_USERHOST, String.join(" ", replies.subList(0, Math.min(5, replies.size()))));
    }

    /** RFC 2812 §4.9: which of the given nicks are online; nicks may come as parameters or in one trailing text. */
    private static void ison(IrcConnection c, IrcMessage m) {
        ChatHub hub = c.server().hub();
        List<String> online = new ArrayList<>();
        for (String param : m.params()) {
            for (String nick : param.split(" ")) {
                if (!nick.isEmpty()) {
                    hub.findUser(nick).ifPresent(u -> online.add(u.nick()));
                }
            }
        }
        c.reply(Numeric.RPL_ISON, String.join(" ", online));
    }

    private static void away(IrcConnection c, IrcMessage m) {
        String text = m.param(0);
        c.server().hub().setAway(c.user(), text);
        c.reply(text == null || text.isEmpty() ? Numeric.RPL_UNAWAY : Numeric.RPL_NOWAWAY);
    }

    private static void version(IrcConnection c, IrcMessage m) {
        c.reply(Numeric.RPL_VERSION, c.server().version(), c.serverName(), "Messenger IRC server");
        Welcome.sendIsupport(c);
    }
}
