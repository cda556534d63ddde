package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.messenger.chat.ChatConfig;
import org.messenger.chat.ChatHub;
import org.messenger.chat.NameRules;

/** What a client gets once registered (RFC 2812 §5.1, modern.ircdocs.horse "Connection Registration"): 001-005, LUSERS, MOTD. */
final class Welcome {
    private static final int TOKENS_PER_ISUPPORT_LINE = 13;

    private Welcome() {}

    static void send(IrcConnection c) {
        ServerContext server = c.server();
        IrcServerConfig config = server.config();
        c.reply(Numeric.RPL_WELCOME, "Welcome to the " + config.networkName() + " IRC network, "
                + EventLines.mask(c.user().ref()));
        c.reply(Numeric.RPL_YOURHOST, "Your host is " + server.name() + ", running version " + server.version());
        c.reply(Numeric.RPL_CREATED, "This server was created "
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(server.createdAt().atOffset(ZoneOffset.UTC)));
        c.reply(Numeric.RPL_MYINFO, server.name(), server.version(), ModeCommand.USER_MODE_LETTERS,
                ModeCommand.CHANNEL_MODE_LETTERS, ModeCommand.CHANNEL_MODES_WITH_ARGUMENT);
        sendIsupport(c);
        sendLusers(c);
        sendMotd(c);
    }

    /** https://modern.ircdocs.horse/#rplisupport-005, at most 13 tokens per line. */
    static void sendIsupport(IrcConnection c) {
        List<String> tokens = isupportTokens(c.server());
        for (int i = 0; i < tokens.size(); i += TOKENS_PER_ISUPPORT_LINE) {
            List<String> line = tokens.subList(i, Math.min(tokens.size(), i + TOKENS_PER_ISUPPORT_LINE));
            c.reply(Numeric.RPL_ISUPPORT, line.toArray(String[]::new));
        }
    }

    static List<String> isupportTokens(ServerContext server) {
        ChatHub hub = server.hub();
        var names = hub.config().names();
        List<String> tokens = new ArrayList<>();
        tokens.add("AWAYLEN=" + names.awayLength());
        tokens.add("CASEMAPPING=" + IrcServer.CASE_MAPPING.isupportName());
        tokens.add("CHATHISTORY=" + ChatHistoryCommand.MAX_LIMIT);
        tokens.add("CHANLIMIT=#:" + hub.config().maxChannelsPerUser());
        tokens.add("CHANMODES=" + ModeCommand.CHANMODES);
        tokens.add("CHANNELLEN=" + names.channelLength());
        tokens.add("CHANTYPES=#");
        tokens.add("ELIST=MU");
        tokens.add("KEYLEN=" + NameRules.KEY_LENGTH);
        tokens.add("KICKLEN=" + NameRules.KICK_LENGTH);
        tokens.add("MAXLIST=b:" + ChatConfig.MAX_BANS_PER_CHANNEL);
        tokens.add("MAXTARGETS=" + MessageCommands.MAX_TARGETS);
        tokens.add("MSGREFTYPES=msgid,timestamp");
        tokens.add("MODES=" + ModeCommand.MAX_MODES_WITH_ARGUMENT);
        tokens.add("NETWORK=" + server.config().networkName().replace(' ', '-'));
        tokens.add("NICKLEN=" + names.nickLength());
        tokens.add("PREFIX=(ov)@+");
        tokens.add("STATUSMSG=@+");
        tokens.add("TARGMAX=JOIN:,KICK:" + MessageCommands.MAX_TARGETS + ",NAMES:,PART:,PRIVMSG:" + MessageCommands.MAX_TARGETS
                + ",NOTICE:" + MessageCommands.MAX_TARGETS + ",WHOIS:1");
        tokens.add("TOPICLEN=" + names.topicLength());
        tokens.add("USERLEN=11");
        tokens.add("UTF8ONLY");
        tokens.add("WHOX");
        return tokens;
    }

    static void sendLusers(IrcConnection c) {
        ChatHub hub = c.server().hub();
        int users = hub.userCount();
        c.reply(Numeric.RPL_LUSERCLIENT, "There are " + users + " users and 0 invisible on 1 servers");
        c.reply(Numeric.RPL_LUSERCHANNELS, Integer.toString(hub.channelCount()));
        c.reply(Numeric.RPL_LUSERME, "I have " + users + " clients and 0 servers");
    }

    static void sendMotd(IrcConnection c) {
        List<String> motd = c.server().config().motd();
        if (motd.isEmpty()) {
            c.reply(Numeric.ERR_NOMOTD);
            return;
        }
        c.reply(Numeric.RPL_MOTDSTART, "- " + c.serverName() + " Message of the day - ");
        for (String line : motd) {
            c.reply(Numeric.RPL_MOTD, "- " + line);
        }
        c.reply(Numeric.RPL_ENDOFMOTD);
    }
}
