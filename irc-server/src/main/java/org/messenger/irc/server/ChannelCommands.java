package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.messenger.chat.Decimal;
import org.messenger.chat.ChannelView;
import org.messenger.chat.ChatException;
import org.messenger.chat.ChatHub;
import org.messenger.chat.ChatUser;
import org.messenger.chat.Wildcard;
import org.messenger.irc.codec.IrcMessage;

/** Channel operations, RFC 2812 §3.2: JOIN, PART, TOPIC, NAMES, LIST, KICK, INVITE. */
final class ChannelCommands {

    private ChannelCommands() {}

    static void register(CommandTable table) {
        table.add("JOIN", 1, false, ChannelCommands::join);
        table.add("PART", 1, false, ChannelCommands::part);
        table.add("TOPIC", 1, false, ChannelCommands::topic);
        table.add("NAMES", 0, false, ChannelCommands::names);
        table.add("LIST", 0, false, ChannelCommands::list);
        table.add("KICK", 2, false, ChannelCommands::kick);
        table.add("INVITE", 2, false, ChannelCommands::invite);
    }

    private static void join(IrcConnection c, IrcMessage m) {
        if (m.param(0).equals("0")) {
            // RFC 2812 §3.2.1: "JOIN 0" leaves every channel.
            for (String channel : c.server().hub().channelsOf(c.user())) {
                leave(c, channel, "Left all channels");
            }
            return;
        }
        // RFC 2812 §3.2.1: "JOIN #a,#b key1,key2": keys go with channels in order.
        String[] keys = m.param(1) == null ? new String[0] : m.param(1).split(",");
        String[] names = m.param(0).split(",");
        for (int i = 0; i < names.length; i++) {
            if (!names[i].isEmpty()) {
                join(c, names[i], i < keys.length && !keys[i].isEmpty() ? keys[i] : null);
            }
        }
    }

    /** Joins and, when newly joined, sends the topic and names as after any JOIN (RFC 2812 §3.2.1). */
    static void join(IrcConnection c, String name, String key) {
        ChatHub hub = c.server().hub();
        if (!hub.config().names().isValidChannel(name)) {
            // InspIRCd's answer to a name that cannot be a channel; 403 is for one that does not exist.
            c.reply(Numeric.ERR_BADCHANMASK, name);
            return;
        }
        try {
            if (hub.join(c.user(), name, key)) {
                // One snapshot for both replies: each copies the member list, 10,000 in the lobby.
                Optional<ChannelView> channel = hub.channel(name);
                channel.ifPresent(view -> sendTopic(c, view, false));
                sendNames(c, name, channel);
            }
        } catch (ChatException e) {
            ChatErrors.reply(c, e, name);
        }
    }

    /**
     * RFC 2812 §3.2.8 / modern.ircdocs.horse KICK: {@code KICK #chan nick[,nick] [:reason]}, or
     * channels and nicks in pairs. The reason defaults to the kicker's nick, as ircd does.
     */
    private static void kick(IrcConnection c, IrcMessage m) {
        String[] channels = m.param(0).split(",");
        String[] nicks = m.param(1).split(",");
        if (channels.length != 1 && channels.length != nicks.length) {
            c.reply(Numeric.ERR_NEEDMOREPARAMS, "KICK");
            return;
        }
        String reason = m.param(2) == null || m.param(2).isEmpty() ? c.nick() : m.param(2);
        int count = Math.min(nicks.length, MessageCommands.MAX_TARGETS);
        for (int i = 0; i < count; i++) {
            String channel = channels.length == 1 ? channels[0] : channels[i];
            if (nicks[i].isEmpty()) {
                continue;
            }
            try {
                c.server().hub().kick(c.user(), channel, nicks[i], reason);
            } catch (ChatException e) {
                ChatErrors.reply(c, e, channel);
            }
        }
    }

    /** RFC 2812 §3.2.7: {@code INVITE nick #chan}; RPL_INVITING to the inviter, and RPL_AWAY when the invitee is away. */
    private static void invite(IrcConnection c, IrcMessage m) {
        ChatHub hub = c.server().hub();
        String nick = m.param(0);
        String channel = m.param(1);
        try {
            hub.invite(c.user(), nick, channel);
        } catch (ChatException e) {
            ChatErrors.reply(c, e, e.error() == org.messenger.chat.ChatError.NO_SUCH_NICK ? nick : channel);
            return;
        }
        Optional<ChatUser> invitee = hub.findUser(nick);
        String channelName = hub.channel(channel).map(ChannelView::name).orElse(channel);
        c.reply(Numeric.RPL_INVITING, invitee.map(ChatUser::nick).orElse(nick), channelName);
        invitee.map(ChatUser::awayMessage).ifPresent(away -> c.reply(Numeric.RPL_AWAY, invitee.get().nick(), away));
    }

    private static void part(IrcConnection c, IrcMessage m) {
        String reason = m.param(1) == null ? "" : m.param(1);
        for (String name : m.param(0).split(",")) {
            if (!name.isEmpty()) {
                leave(c, name, reason);
            }
        }
    }

    private static void leave(IrcConnection c, String name, String reason) {
        try {
            c.server().hub().part(c.user(), name, reason);
        } catch (ChatException e) {
            ChatErrors.reply(c, e, name);
        }
    }

    private static void topic(IrcConnection c, IrcMessage m) {
        String name = m.param(0);
        if (m.params().size() == 1) {
            Optional<ChannelView> channel = c.server().hub().channel(name);
            if (channel.isEmpty()) {
                c.reply(Numeric.ERR_NOSUCHCHANNEL, name);
            } else if (channel.get().modes().secret() && !channel.get().isMember(c.user())) {
                c.reply(Numeric.ERR_NOTONCHANNEL, channel.get().name()); // a secret channel tells outsiders nothing
            } else {
                sendTopic(c, channel.get(), true);
            }
            return;
        }
        try {
            c.server().hub().setTopic(c.user(), name, m.param(1));
        } catch (ChatException e) {
            ChatErrors.reply(c, e, name);
        }
    }

    /** RPL_TOPIC and RPL_TOPICWHOTIME; RPL_NOTOPIC only when asked (after JOIN, no topic means no reply). */
    private static void sendTopic(IrcConnection c, ChannelView channel, boolean asked) {
        ChannelView.Topic topic = channel.topic();
        if (topic == null) {
            if (asked) {
                c.reply(Numeric.RPL_NOTOPIC, channel.name());
            }
            return;
        }
        c.reply(Numeric.RPL_TOPIC, channel.name(), topic.text());
        c.reply(Numeric.RPL_TOPICWHOTIME, channel.name(), topic.setBy(), Long.toString(topic.setAt().getEpochSecond()));
    }

    private static void names(IrcConnection c, IrcMessage m) {
        if (m.params().isEmpty() || m.param(0).isEmpty()) {
            // modern.ircdocs.horse: servers may answer a bare NAMES with only the end reply.
            c.reply(Numeric.RPL_ENDOFNAMES, "*");
            return;
        }
        for (String name : m.param(0).split(",")) {
            if (!name.isEmpty()) {
                sendNames(c, name);
            }
        }
    }

    /**
     * RPL_NAMREPLY lines cut to fit in 512 bytes, then RPL_ENDOFNAMES. The symbol is "@" for a
     * secret channel, "=" otherwise; members carry their prefix ("@" operator, "+" voice; both
     * with multi-prefix). A non-member sees nothing of a secret channel and no invisible (+i)
     * member (RFC 2812 §3.2.5).
     */
    static void sendNames(IrcConnection c, String name) {
        sendNames(c, name, c.server().hub().channel(name));
    }

    private static void sendNames(IrcConnection c, String name, Optional<ChannelView> found) {
        ChatUser me = c.user();
        // Asked of the hub, not the view: the view's member list is a list, the lobby's 10,000 long.
        boolean member = found.isPresent() && c.server().hub().isMember(me, found.get().name());
        if (found.isPresent() && (!found.get().modes().secret() || member)) {
            ChannelView channel = found.get();
            boolean userhost = c.has(Capability.USERHOST_IN_NAMES);
            boolean multiPrefix = c.has(Capability.MULTI_PREFIX);
            String symbol = channel.modes().secret() ? "@" : "=";
            if (c.collectsResponse()) {
                // A labeled response collects messages: the lines go as replies.
                NamesText text = new NamesText();
                text.addMembers(channel, 0, member, userhost, multiPrefix);
                for (int i = 0; i < text.lineCount(); i++) {
                    c.reply(Numeric.RPL_NAMREPLY, symbol, channel.name(), text.line(i));
                }
            } else {
                // The same lines sendNumeric makes, as bytes: nicks and channel names hold no
                // line break or space (NameRules), so there is nothing to check or escape.
                byte[] header = (":" + c.serverName() + " " + Numeric.RPL_NAMREPLY.code() + " " + c.nick() + " " + symbol + " "
                        + channel.name() + " :").getBytes(StandardCharsets.UTF_8);
                ByteBuf lines = c.channel().alloc().buffer(512);
                if (!member || !c.server().namesCache().write(channel, userhost, multiPrefix, lines, header)) {
                    NamesText text = new NamesText();
                    text.addMembers(channel, 0, member, userhost, multiPrefix);
                    text.writeLines(lines, header);
                }
                if (lines.isReadable()) {
                    c.sendLines(lines);
                } else {
                    lines.release();
                }
            }
        }
        c.reply(Numeric.RPL_ENDOFNAMES, found.map(ChannelView::name).orElse(name));
    }

    /** The member's channel prefix: the highest only, or all of them with multi-prefix (ircv3.net multi-prefix). */
    static String prefix(ChannelView channel, ChatUser user, boolean all) {
        boolean op = channel.isOperator(user);
        boolean voice = channel.isVoiced(user);
        if (op && voice) {
            return all ? "@+" : "@";
        }
        return op ? "@" : voice ? "+" : "";
    }

    /**
     * RFC 2812 §3.2.6, with the ELIST extensions M (a mask as the channel list) and U
     * ({@code >n} / {@code <n} users). Secret channels are listed only to their members.
     */
    private static void list(IrcConnection c, IrcMessage m) {
        ChatHub hub = c.server().hub();
        c.reply(Numeric.RPL_LISTSTART, "Channel", "Users  Name");
        List<String> wanted = new ArrayList<>();
        int moreThan = -1;
        int fewerThan = Integer.MAX_VALUE;
        if (!m.params().isEmpty()) {
            for (String item : m.param(0).split(",")) {
                if (item.startsWith(">") || item.startsWith("<")) {
                    int n = Decimal.parse(item.substring(1), 9); // -1: not a count, the condition is ignored
                    if (n >= 0 && item.charAt(0) == '>') {
                        moreThan = n;
                    } else if (n >= 0) {
                        fewerThan = n;
                    }
                } else if (!item.isEmpty()) {
                    wanted.add(hub.fold(item));
                }
            }
        }
        for (ChannelView channel : hub.channels()) {
            if (channel.modes().secret() && !channel.isMember(c.user())) {
                continue;
            }
            int users = channel.members().size();
            if (users <= moreThan || users >= fewerThan) {
                continue;
            }
            if (!wanted.isEmpty()) {
                String folded = hub.fold(channel.name());
                if (wanted.stream().noneMatch(w -> Wildcard.matches(w, folded))) {
                    continue;
                }
            }
            String topic = channel.topic() == null ? "" : channel.topic().text();
            c.reply(Numeric.RPL_LIST, channel.name(), Integer.toString(users), topic);
        }
        c.reply(Numeric.RPL_LISTEND);
    }

}
