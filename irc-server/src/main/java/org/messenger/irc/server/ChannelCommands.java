package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import java.util.List;
import java.util.Optional;
import org.messenger.chat.ChannelView;
import org.messenger.chat.ChatException;
import org.messenger.chat.ChatHub;
import org.messenger.chat.ChatUser;
import org.messenger.irc.codec.IrcMessage;

/** Channel operations, RFC 2812 §3.2: JOIN, PART, TOPIC, NAMES, LIST (and KICK, refused: there are no operators). */
final class ChannelCommands {
    /** Room left in a 512-byte line for the NAMES list after ":server 353 nick = #channel :". */
    private static final int NAMES_LINE_BUDGET = 400;

    private ChannelCommands() {}

    static void register(CommandTable table) {
        table.add("JOIN", 1, false, ChannelCommands::join);
        table.add("PART", 1, false, ChannelCommands::part);
        table.add("TOPIC", 1, false, ChannelCommands::topic);
        table.add("NAMES", 0, false, ChannelCommands::names);
        table.add("LIST", 0, false, ChannelCommands::list);
        table.add("KICK", 2, false, (c, m) -> c.reply(Numeric.ERR_CHANOPRIVSNEEDED, m.param(0)));
    }

    private static void join(IrcConnection c, IrcMessage m) {
        if (m.param(0).equals("0")) {
            // RFC 2812 §3.2.1: "JOIN 0" leaves every channel.
            for (String channel : c.server().hub().channelsOf(c.user())) {
                leave(c, channel, "Left all channels");
            }
            return;
        }
        for (String name : m.param(0).split(",")) {
            if (!name.isEmpty()) {
                join(c, name);
            }
        }
    }

    /** Joins and, when newly joined, sends the topic and names as after any JOIN (RFC 2812 §3.2.1). */
    static void join(IrcConnection c, String name) {
        try {
            if (c.server().hub().join(c.user(), name)) {
                sendTopic(c, name, false);
                sendNames(c, name);
            }
        } catch (ChatException e) {
            c.reply(ChatErrors.numeric(e.error()), name);
        }
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
            c.reply(ChatErrors.numeric(e.error()), name);
        }
    }

    private static void topic(IrcConnection c, IrcMessage m) {
        String name = m.param(0);
        if (m.params().size() == 1) {
            if (c.server().hub().channel(name).isEmpty()) {
                c.reply(Numeric.ERR_NOSUCHCHANNEL, name);
            } else {
                sendTopic(c, name, true);
            }
            return;
        }
        try {
            c.server().hub().setTopic(c.user(), name, m.param(1));
        } catch (ChatException e) {
            c.reply(ChatErrors.numeric(e.error()), name);
        }
    }

    /** RPL_TOPIC and RPL_TOPICWHOTIME; RPL_NOTOPIC only when asked (after JOIN, no topic means no reply). */
    private static void sendTopic(IrcConnection c, String name, boolean asked) {
        Optional<ChannelView> channel = c.server().hub().channel(name);
        if (channel.isEmpty()) {
            return;
        }
        ChannelView.Topic topic = channel.get().topic();
        if (topic == null) {
            if (asked) {
                c.reply(Numeric.RPL_NOTOPIC, channel.get().name());
            }
            return;
        }
        c.reply(Numeric.RPL_TOPIC, channel.get().name(), topic.text());
        c.reply(Numeric.RPL_TOPICWHOTIME, channel.get().name(), topic.setBy(), Long.toString(topic.setAt().getEpochSecond()));
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

    /** RPL_NAMREPLY lines ("=" public channel) cut to fit in 512 bytes, then RPL_ENDOFNAMES. */
    static void sendNames(IrcConnection c, String name) {
        Optional<ChannelView> channel = c.server().hub().channel(name);
        if (channel.isPresent()) {
            boolean userhost = c.has(Capability.USERHOST_IN_NAMES);
            StringBuilder line = new StringBuilder();
            for (ChatUser member : channel.get().members()) {
                String entry = userhost ? IrcConnection.mask(member.ref()) : member.nick();
                if (line.length() > 0 && line.length() + 1 + entry.length() > NAMES_LINE_BUDGET) {
                    c.reply(Numeric.RPL_NAMREPLY, "=", channel.get().name(), line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(entry);
            }
            if (line.length() > 0) {
                c.reply(Numeric.RPL_NAMREPLY, "=", channel.get().name(), line.toString());
            }
        }
        c.reply(Numeric.RPL_ENDOFNAMES, channel.map(ChannelView::name).orElse(name));
    }

    private static void list(IrcConnection c, IrcMessage m) {
        ChatHub hub = c.server().hub();
        c.reply(Numeric.RPL_LISTSTART, "Channel", "Users  Name");
        List<ChannelView> channels = hub.channels();
        List<String> wanted = m.params().isEmpty() || m.param(0).isEmpty() ? null : List.of(m.param(0).split(","));
        for (ChannelView channel : channels) {
            if (wanted != null && wanted.stream().noneMatch(w -> hub.fold(w).equals(hub.fold(channel.name())))) {
                continue;
            }
            String topic = channel.topic() == null ? "" : channel.topic().text();
            c.reply(Numeric.RPL_LIST, channel.name(), Integer.toString(channel.members().size()), topic);
        }
        c.reply(Numeric.RPL_LISTEND);
    }
}
