package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** RFC 2812 §3.6.1; a channel lists its members, anything else is a nick mask ('*' and '?' globs). */
    private static void who(IrcConnection c, IrcMessage m) {
        ChatHub hub = c.server().hub();
        String mask = m.params().isEmpty() || m.param(0).isEmpty() || m.param(0).equals("0") ? "*" : m.param(0);
        if (hub.config().names().isChannelName(mask)) {
            Optional<ChannelView> channel = hub.channel(mask);
            channel.ifPresent(view -> view.members().forEach(u -> whoReply(c, view.name(), u)));
        } else {
            String folded = hub.fold(mask);
            for (ChatUser user : hub.users()) {
                if (Wildcard.matches(folded, hub.fold(user.nick()))) {
                    List<String> channels = hub.channelsOf(user);
                    whoReply(c, channels.isEmpty() ? "*" : channels.get(0), user);
                }
            }
        }
        c.reply(Numeric.RPL_ENDOFWHO, mask);
    }

    private static void whoReply(IrcConnection c, String channel, ChatUser user) {
        String here = user.awayMessage() == null ? "H" : "G";
        c.reply(Numeric.RPL_WHOREPLY, channel, user.username(), user.host(), c.serverName(), user.nick(), here,
                "0 " + user.realname());
    }

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
        c.reply(Numeric.RPL_WHOISUSER, user.nick(), user.username(), user.host(), "*", user.realname());
        List<String> channels = hub.channelsOf(user);
        if (!channels.isEmpty()) {
            c.reply(Numeric.RPL_WHOISCHANNELS, user.nick(), String.join(" ", channels));
        }
        c.reply(Numeric.RPL_WHOISSERVER, user.nick(), c.serverName(), c.server().config().networkName());
        if (user.awayMessage() != null) {
            c.reply(Numeric.RPL_AWAY, user.nick(), user.awayMessage());
        }
        long idleSeconds = Math.max(0, Duration.between(user.lastSpokeAt(), hub.config().clock().instant()).toSeconds());
        c.reply(Numeric.RPL_WHOISIDLE, user.nick(), Long.toString(idleSeconds), Long.toString(user.signedOnAt().getEpochSecond()));
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
