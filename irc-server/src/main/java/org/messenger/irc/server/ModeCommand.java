package org.messenger.irc.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.messenger.chat.ChannelMode;
import org.messenger.chat.ChannelModes;
import org.messenger.chat.ChannelView;
import org.messenger.chat.ChatError;
import org.messenger.chat.ChatException;
import org.messenger.chat.ChatHub;
import org.messenger.chat.ChatUser;
import org.messenger.chat.ModeChange;
import org.messenger.chat.ModeResult;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;

/**
 * MODE, RFC 2812 §3.1.5 (user) and §3.2.3 (channel), in the syntax of
 * https://modern.ircdocs.horse/#mode-message: the IRC letters of the chat core's channel modes,
 * arguments taken in order, and every numeric of a refusal. The state itself lives in the hub.
 */
final class ModeCommand {
    /** Channel modes that take an argument, per MODE command (ISUPPORT MODES); more are ignored, as InspIRCd does. */
    static final int MAX_MODES_WITH_ARGUMENT = 4;
    /** ISUPPORT CHANMODES: list modes, modes with an argument always, with one when set, flags (RFC 2811 §4 groups). */
    static final String CHANMODES = "b,k,l,Rimnst";
    /** RPL_MYINFO's channel modes and the ones of them that take an argument. */
    static final String CHANNEL_MODE_LETTERS = "Rbiklmnostv";
    static final String CHANNEL_MODES_WITH_ARGUMENT = "bklov";
    static final String USER_MODE_LETTERS = "iorw";

    private ModeCommand() {}

    static void register(CommandTable table) {
        table.add("MODE", 1, false, ModeCommand::mode);
    }

    static char letter(ChannelMode mode) {
        return switch (mode) {
            case BAN -> 'b';
            case INVITE_ONLY -> 'i';
            case KEY -> 'k';
            case LIMIT -> 'l';
            case MODERATED -> 'm';
            case NO_EXTERNAL_MESSAGES -> 'n';
            case SECRET -> 's';
            case TOPIC_LOCK -> 't';
            case REGISTERED_ONLY -> 'R';
            case OPERATOR -> 'o';
            case VOICE -> 'v';
        };
    }

    static ChannelMode channelMode(char letter) {
        return switch (letter) {
            case 'b' -> ChannelMode.BAN;
            case 'i' -> ChannelMode.INVITE_ONLY;
            case 'k' -> ChannelMode.KEY;
            case 'l' -> ChannelMode.LIMIT;
            case 'm' -> ChannelMode.MODERATED;
            case 'n' -> ChannelMode.NO_EXTERNAL_MESSAGES;
            case 's' -> ChannelMode.SECRET;
            case 't' -> ChannelMode.TOPIC_LOCK;
            case 'R' -> ChannelMode.REGISTERED_ONLY;
            case 'o' -> ChannelMode.OPERATOR;
            case 'v' -> ChannelMode.VOICE;
            default -> null;
        };
    }

    /** The parameters of a MODE line telling {@code changes}: "+ov-b", then the arguments in order. */
    static List<String> modeParams(String channel, List<ModeChange> changes) {
        StringBuilder letters = new StringBuilder();
        List<String> params = new ArrayList<>();
        params.add(channel);
        params.add("");
        Boolean adding = null;
        for (ModeChange change : changes) {
            if (adding == null || adding != change.adding()) {
                adding = change.adding();
                letters.append(adding ? '+' : '-');
            }
            letters.append(letter(change.mode()));
            if (change.argument() != null && change.mode().takesArgument(change.adding())) {
                params.add(change.argument());
            }
        }
        params.set(1, letters.toString());
        return params;
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
        Optional<ChannelView> found = hub.channel(target);
        if (found.isEmpty()) {
            c.reply(Numeric.ERR_NOSUCHCHANNEL, target);
            return;
        }
        ChannelView channel = found.get();
        String name = channel.name();
        if (m.params().size() == 1) {
            c.reply(Numeric.RPL_CHANNELMODEIS, currentModes(channel, channel.isMember(c.user())).toArray(String[]::new));
            c.reply(Numeric.RPL_CREATIONTIME, name, Long.toString(channel.createdAt().getEpochSecond()));
            return;
        }
        String modes = m.param(1);
        int nextArgument = 2;
        int withArgument = 0;
        boolean adding = true;
        boolean listBans = false;
        List<ModeChange> changes = new ArrayList<>();
        for (int i = 0; i < modes.length(); i++) {
            char ch = modes.charAt(i);
            if (ch == '+' || ch == '-') {
                adding = ch == '+';
                continue;
            }
            // Clients ask for the exception and invite-exception lists on join; we have none.
            if ((ch == 'e' || ch == 'I') && m.params().size() <= nextArgument) {
                c.reply(ch == 'e' ? Numeric.RPL_ENDOFEXCEPTLIST : Numeric.RPL_ENDOFINVITELIST, name);
                continue;
            }
            ChannelMode mode = channelMode(ch);
            if (mode == null) {
                c.reply(Numeric.ERR_UNKNOWNMODE, String.valueOf(ch));
                continue;
            }
            String argument = null;
            if (mode.takesArgument(adding)) {
                if (mode == ChannelMode.BAN && m.params().size() <= nextArgument) {
                    listBans = true; // "MODE #c b" and "MODE #c +b" list the bans
                    continue;
                }
                if (withArgument == MAX_MODES_WITH_ARGUMENT) {
                    continue;
                }
                if (m.params().size() <= nextArgument) {
                    if (mode == ChannelMode.KEY && !adding) {
                        argument = "*"; // "-k" alone: InspIRCd and Ergo accept it
                    } else {
                        c.reply(Numeric.ERR_NEEDMOREPARAMS, "MODE");
                        continue;
                    }
                } else {
                    argument = m.param(nextArgument++);
                }
                withArgument++;
            }
            changes.add(new ModeChange(adding, mode, argument));
        }
        if (!changes.isEmpty()) {
            apply(c, hub, name, changes);
        }
        if (listBans) {
            for (ChannelView.Ban ban : channel.bans()) {
                c.reply(Numeric.RPL_BANLIST, name, ban.mask(), ban.setBy(), Long.toString(ban.setAt().getEpochSecond()));
            }
            c.reply(Numeric.RPL_ENDOFBANLIST, name);
        }
    }

    private static void apply(IrcConnection c, ChatHub hub, String name, List<ModeChange> changes) {
        ModeResult result;
        try {
            result = hub.changeChannelModes(c.user(), name, changes);
        } catch (ChatException e) {
            ChatErrors.reply(c, e, name);
            return;
        }
        for (ModeResult.Refusal refusal : result.refused()) {
            ChatException e = refusal.reason();
            if (e.error() == ChatError.INVALID_MODE_PARAMETER || e.error() == ChatError.PERMANENT_CHANNEL) {
                // https://modern.ircdocs.horse/#errinvalidmodeparam-696: "<client> <target chan/user> <mode char> <parameter> :<description>"
                ModeChange change = refusal.change();
                String argument = change.argument() == null || change.argument().isEmpty() ? "*" : change.argument();
                c.sendNumeric(Numeric.ERR_INVALIDMODEPARAM.code(), name, String.valueOf(letter(change.mode())), argument,
                        invalidParameterText(e.error(), change.mode()));
            } else {
                ChatErrors.reply(c, e, refusal.change().argument());
            }
        }
    }

    private static String invalidParameterText(ChatError error, ChannelMode mode) {
        if (error == ChatError.PERMANENT_CHANNEL) {
            return "The lobby stays open to everyone: it cannot be invite-only, keyed, limited or for accounts only";
        }
        return switch (mode) {
            case LIMIT -> "Invalid limit: give a whole number from 1 to 1000000";
            case KEY -> "Invalid key: 1 to 32 characters, no spaces or commas";
            case BAN -> "Invalid ban mask: use nick!user@host, with * and ? as wildcards";
            default -> "Invalid parameter";
        };
    }

    /** RPL_CHANNELMODEIS parameters: the channel, "+ntk..." and the arguments; the key only for members, as InspIRCd does. */
    private static List<String> currentModes(ChannelView channel, boolean member) {
        ChannelModes modes = channel.modes();
        StringBuilder letters = new StringBuilder("+");
        List<String> params = new ArrayList<>();
        params.add(channel.name());
        params.add("");
        if (modes.registeredOnly()) {
            letters.append('R');
        }
        if (modes.inviteOnly()) {
            letters.append('i');
        }
        if (modes.key() != null) {
            letters.append('k');
        }
        if (modes.limit() > 0) {
            letters.append('l');
        }
        if (modes.moderated()) {
            letters.append('m');
        }
        if (modes.noExternalMessages()) {
            letters.append('n');
        }
        if (modes.secret()) {
            letters.append('s');
        }
        if (modes.topicLocked()) {
            letters.append('t');
        }
        if (modes.key() != null) {
            params.add(member ? modes.key() : "<key>");
        }
        if (modes.limit() > 0) {
            params.add(Integer.toString(modes.limit()));
        }
        params.set(1, letters.toString());
        return params;
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
        ChatUser user = c.user();
        if (m.params().size() == 1) {
            c.reply(Numeric.RPL_UMODEIS, userModes(user));
            return;
        }
        boolean adding = true;
        boolean unknown = false;
        StringBuilder changed = new StringBuilder();
        char sign = 0;
        for (char ch : m.param(1).toCharArray()) {
            boolean change;
            switch (ch) {
                case '+', '-' -> {
                    adding = ch == '+';
                    continue;
                }
                case 'i' -> {
                    change = user.isInvisible() != adding;
                    hub.setInvisible(user, adding);
                }
                case 'w' -> {
                    change = user.receivesWallops() != adding;
                    hub.setReceivesWallops(user, adding);
                }
                case 'o' -> {
                    // RFC 2812 §3.1.5: "+o" from a user is ignored (OPER is the way); "-o" gives it up.
                    change = !adding && user.isServerOperator();
                    if (change) {
                        hub.setServerOperator(user, false);
                    }
                }
                case 'r' -> {
                    continue; // registered: the server sets it on login, users cannot (Ergo, InspIRCd)
                }
                default -> {
                    unknown = true;
                    continue;
                }
            }
            if (change) {
                char wanted = adding ? '+' : '-';
                if (sign != wanted) {
                    changed.append(wanted);
                    sign = wanted;
                }
                changed.append(ch);
            }
        }
        if (unknown) {
            c.reply(Numeric.ERR_UMODEUNKNOWNFLAG);
        }
        if (!changed.isEmpty()) {
            c.send(IrcMessage.from(c.nick(), "MODE", c.nick(), changed.toString()));
        }
    }

    /** "+iorw" as far as set, for RPL_UMODEIS; r is a user logged in to an account. */
    static String userModes(ChatUser user) {
        StringBuilder modes = new StringBuilder("+");
        if (user.isInvisible()) {
            modes.append('i');
        }
        if (user.isServerOperator()) {
            modes.append('o');
        }
        if (user.account() != null) {
            modes.append('r');
        }
        if (user.receivesWallops()) {
            modes.append('w');
        }
        return modes.toString();
    }
}
