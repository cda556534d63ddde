package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import java.util.Optional;
import org.messenger.chat.ChannelView;
import org.messenger.chat.ChatHub;
import org.messenger.irc.codec.IrcMessage;

/**
 * MODE, RFC 2812 §3.1.5 (user) and §3.2.3 (channel), as much as clients need: channels are always
 * +n and have no operators, so queries are answered and changes refused; users may set +i only.
 */
final class ModeCommand {
    private ModeCommand() {}

    static void register(CommandTable table) {
        table.add("MODE", 1, false, ModeCommand::mode);
    }

    private static void mode(IrcConnection c, IrcMessage m) {
        ChatHub hub = c.server().hub();
        String target = m.param(0);
        if (hub.config().names().isChannelName(target)) {
            channelMode(c, m, hub, target);
        } else {
            userMode(c, m, hub, target);
        }
    }

    private static void channelMode(IrcConnection c, IrcMessage m, ChatHub hub, String target) {
        Optional<ChannelView> channel = hub.channel(target);
        if (channel.isEmpty()) {
            c.reply(Numeric.ERR_NOSUCHCHANNEL, target);
            return;
        }
        String name = channel.get().name();
        if (m.params().size() == 1) {
            c.reply(Numeric.RPL_CHANNELMODEIS, name, "+n");
            c.reply(Numeric.RPL_CREATIONTIME, name, Long.toString(channel.get().createdAt().getEpochSecond()));
            return;
        }
        // Clients ask for the ban/exception/invite lists on join ("MODE #c b"): they are always empty.
        String modes = m.param(1);
        switch (modes) {
            case "b", "+b" -> c.reply(Numeric.RPL_ENDOFBANLIST, name);
            case "e", "+e" -> c.reply(Numeric.RPL_ENDOFEXCEPTLIST, name);
            case "I", "+I" -> c.reply(Numeric.RPL_ENDOFINVITELIST, name);
            default -> c.reply(Numeric.ERR_CHANOPRIVSNEEDED, name);
        }
    }

    private static void userMode(IrcConnection c, IrcMessage m, ChatHub hub, String target) {
        if (hub.findUser(target).isEmpty()) {
            c.reply(Numeric.ERR_NOSUCHNICK, target);
            return;
        }
        if (!hub.fold(target).equals(hub.fold(c.nick()))) {
            c.reply(Numeric.ERR_USERSDONTMATCH);
            return;
        }
        if (m.params().size() == 1) {
            c.reply(Numeric.RPL_UMODEIS, "+" + c.userModes);
            return;
        }
        boolean adding = true;
        boolean unknown = false;
        StringBuilder modes = new StringBuilder(c.userModes);
        StringBuilder changed = new StringBuilder();
        for (char ch : m.param(1).toCharArray()) {
            switch (ch) {
                case '+' -> adding = true;
                case '-' -> adding = false;
                case 'i' -> {
                    boolean has = modes.indexOf("i") >= 0;
                    if (adding && !has) {
                        modes.append('i');
                        changed.append("+i");
                    } else if (!adding && has) {
                        modes.deleteCharAt(modes.indexOf("i"));
                        changed.append("-i");
                    }
                }
                case 'r' -> { } // registered: the server sets it on login, users cannot (Ergo, InspIRCd)
                default -> unknown = true;
            }
        }
        c.userModes = modes.toString();
        if (unknown) {
            c.reply(Numeric.ERR_UMODEUNKNOWNFLAG);
        }
        if (!changed.isEmpty()) {
            c.send(IrcMessage.from(c.nick(), "MODE", c.nick(), changed.toString()));
        }
    }
}
