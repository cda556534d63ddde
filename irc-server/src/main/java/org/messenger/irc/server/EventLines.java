package org.messenger.irc.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.messenger.chat.ChannelMembership;
import org.messenger.chat.ChatMessage;
import org.messenger.chat.ChatUser;
import org.messenger.chat.HubEvent;
import org.messenger.chat.MessageKind;
import org.messenger.chat.UserRef;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;

/**
 * How the hub's events read as IRC lines for one client: which it wants (by its capabilities),
 * the line for each (RFC 2812, and the IRCv3 extension cited per case), the tags server-time,
 * account-tag and message-tags add, and the lines CHGHOST's fallback sends instead. Formatting
 * them into bytes, once for every recipient alike, is {@link SharedEncoding}'s.
 */
final class EventLines {
    // https://ircv3.net/specs/extensions/server-time: "YYYY-MM-DDThh:mm:ss.sssZ", always UTC and milliseconds.
    private static final DateTimeFormatter SERVER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventLines() {}

    /**
     * message-tags: "Clients that have not negotiated the capability MUST NOT be sent TAGMSG";
     * an INVITE to someone else goes only to those with invite-notify, an AWAY only to those with
     * away-notify.
     */
    static boolean wants(IrcConnection c, HubEvent event) {
        return switch (event) {
            case HubEvent.MessageReceived m -> m.message().kind() != MessageKind.TAGS_ONLY || c.has(Capability.MESSAGE_TAGS);
            case HubEvent.Invited i -> c.has(Capability.INVITE_NOTIFY) || isMe(c, i.invitee());
            case HubEvent.AwayChanged a -> c.has(Capability.AWAY_NOTIFY);
            case HubEvent.RealnameChanged r -> c.has(Capability.SETNAME);
            case HubEvent.AccountChanged a -> c.has(Capability.ACCOUNT_NOTIFY);
            default -> true;
        };
    }

    private static boolean isMe(IrcConnection c, String nick) {
        ChatUser u = c.user();
        return u != null && c.server().hub().fold(u.nick()).equals(c.server().hub().fold(nick));
    }

    static IrcMessage toIrc(IrcConnection c, HubEvent event) {
        return switch (event) {
            case HubEvent.MessageReceived m -> {
                ChatMessage msg = m.message();
                yield asIrc(msg, tags(c, msg.time(), msg.tags(), msg.from(), msg.id()));
            }
            // https://ircv3.net/specs/extensions/extended-join: JOIN <channel> <account or *> :<realname>
            case HubEvent.Joined j -> new IrcMessage(tags(c, j.time(), Map.of(), j.who()), mask(j.who()), "JOIN",
                    c.has(Capability.EXTENDED_JOIN)
                            ? List.of(j.channel(), j.who().account() == null ? "*" : j.who().account(),
                                    j.who().realname() == null ? "" : j.who().realname())
                            : List.of(j.channel()));
            case HubEvent.Parted p -> new IrcMessage(tags(c, p.time(), Map.of(), p.who()), mask(p.who()), "PART",
                    p.reason() == null || p.reason().isEmpty() ? List.of(p.channel()) : List.of(p.channel(), p.reason()));
            case HubEvent.Quit q -> new IrcMessage(tags(c, q.time(), Map.of(), q.who()), mask(q.who()), "QUIT", List.of(q.reason()));
            case HubEvent.NickChanged n -> new IrcMessage(tags(c, n.time(), Map.of(), n.before()), mask(n.before()), "NICK", List.of(n.newNick()));
            // https://ircv3.net/specs/extensions/account-notify: ACCOUNT <name>, or * when logged out.
            case HubEvent.AccountChanged a -> new IrcMessage(tags(c, a.time(), Map.of(), a.who()), mask(a.who()), "ACCOUNT",
                    List.of(a.account() == null ? "*" : a.account()));
            case HubEvent.TopicChanged t -> new IrcMessage(tags(c, t.time(), Map.of(), t.who()), mask(t.who()), "TOPIC", List.of(t.channel(), t.topic()));
            case HubEvent.ChannelModesChanged mc -> new IrcMessage(tags(c, mc.time(), Map.of(), mc.who()), mask(mc.who()), "MODE",
                    ModeCommand.modeParams(mc.channel(), mc.changes()));
            case HubEvent.Kicked k -> new IrcMessage(tags(c, k.time(), Map.of(), k.who()), mask(k.who()), "KICK", List.of(k.channel(), k.victim(), k.reason()));
            case HubEvent.Invited i -> new IrcMessage(tags(c, i.time(), Map.of(), i.who()), mask(i.who()), "INVITE", List.of(i.invitee(), i.channel()));
            case HubEvent.Wallops w -> new IrcMessage(tags(c, w.time(), Map.of(), w.who()), mask(w.who()), "WALLOPS", List.of(w.text()));
            // https://ircv3.net/specs/extensions/away-notify: "AWAY :message", or "AWAY" alone when back.
            case HubEvent.AwayChanged a -> new IrcMessage(tags(c, a.time(), Map.of(), a.who()), mask(a.who()), "AWAY",
                    a.message() == null ? List.of() : List.of(a.message()));
            // https://ircv3.net/specs/extensions/setname: SETNAME :realname, from the user.
            case HubEvent.RealnameChanged r -> new IrcMessage(tags(c, r.time(), Map.of(), r.who()), mask(r.who()), "SETNAME", List.of(r.realname()));
            case HubEvent.PresenceBatch b -> throw new IllegalStateException("a batch is several lines: SharedEncoding encodes it");
            case HubEvent.Killed k -> throw new IllegalStateException("a KILL closes the connection, it is not a line");
            case HubEvent.HostChanged h -> throw new IllegalStateException("a host change is several lines: hostChangeLines");
        };
    }

    /**
     * https://ircv3.net/specs/extensions/chghost: {@code :old!mask CHGHOST <user> <host>} for a
     * client with the capability. Without it, the user itself gets RPL_VISIBLEHOST (396, as
     * InspIRCd and Ergo send), and others the specification's fallback: the user quits and
     * joins again under the new mask, with its channel status given back by the server.
     */
    static List<IrcMessage> hostChangeLines(IrcConnection c, HubEvent.HostChanged changed) {
        UserRef before = changed.before();
        UserRef after = changed.after();
        if (c.has(Capability.CHGHOST)) {
            return List.of(new IrcMessage(tags(c, changed.time(), Map.of(), before), mask(before), "CHGHOST",
                    List.of(after.username(), after.host())));
        }
        if (isMe(c, after.nick())) {
            return List.of(new IrcMessage(Map.of(), c.serverName(), Numeric.RPL_VISIBLEHOST.code(),
                    List.of(after.nick(), after.host(), Numeric.RPL_VISIBLEHOST.text())));
        }
        List<IrcMessage> lines = new ArrayList<>();
        lines.add(new IrcMessage(tags(c, changed.time(), Map.of(), before), mask(before), "QUIT", List.of("Changing host")));
        for (ChannelMembership shared : changed.shared()) {
            lines.add(toIrc(c, new HubEvent.Joined(changed.time(), after, shared.channel())));
            String modes = (shared.operator() ? "o" : "") + (shared.voiced() ? "v" : "");
            if (!modes.isEmpty()) {
                List<String> params = new ArrayList<>();
                params.add(shared.channel());
                params.add("+" + modes);
                for (int i = 0; i < modes.length(); i++) {
                    params.add(after.nick());
                }
                lines.add(new IrcMessage(tags(c, changed.time(), Map.of(), null), c.serverName(), "MODE", params));
            }
        }
        if (changed.awayMessage() != null && c.has(Capability.AWAY_NOTIFY) && !changed.shared().isEmpty()) {
            // The quit made this client forget the user was away; away-notify says it again (as Ergo does).
            lines.add(new IrcMessage(tags(c, changed.time(), Map.of(), after), mask(after), "AWAY", List.of(changed.awayMessage())));
        }
        return lines;
    }

    /** A chat message as the IRC line for it, with {@code tags}. */
    static IrcMessage asIrc(ChatMessage msg, Map<String, String> tags) {
        return switch (msg.kind()) {
            case MESSAGE -> new IrcMessage(tags, mask(msg.from()), "PRIVMSG", List.of(msg.target(), msg.text()));
            case NOTICE -> new IrcMessage(tags, mask(msg.from()), "NOTICE", List.of(msg.target(), msg.text()));
            case TAGS_ONLY -> new IrcMessage(tags, mask(msg.from()), "TAGMSG", List.of(msg.target()));
        };
    }

    private static Map<String, String> tags(IrcConnection c, Instant time, Map<String, String> clientTags, UserRef from) {
        return tags(c, time, clientTags, from, null);
    }

    /**
     * server-time's {@code time}; account-tag's {@code account} of {@code from}; with message-tags,
     * the message's {@code msgid} (https://ircv3.net/specs/extensions/message-ids) and its
     * client-only tags.
     */
    static Map<String, String> tags(IrcConnection c, Instant time, Map<String, String> clientTags, UserRef from, String msgid) {
        Set<Capability> caps = c.capabilities();
        boolean withTime = caps.contains(Capability.SERVER_TIME);
        boolean withTags = caps.contains(Capability.MESSAGE_TAGS);
        // https://ircv3.net/specs/extensions/account-tag: on every message from a logged-in user.
        boolean withAccount = caps.contains(Capability.ACCOUNT_TAG) && from != null && from.account() != null;
        if (!withTime && !withAccount && !(withTags && (msgid != null || !clientTags.isEmpty()))) {
            return Map.of();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (withTime) {
            tags.put("time", SERVER_TIME.format(time));
        }
        if (withAccount) {
            tags.put("account", from.account());
        }
        if (withTags && msgid != null) {
            tags.put("msgid", msgid);
        }
        if (withTags) {
            tags.putAll(clientTags);
        }
        return tags;
    }

    /** server-time's format, for other timestamps on the wire (CHATHISTORY TARGETS). */
    static String formatTime(Instant time) {
        return SERVER_TIME.format(time);
    }

    /** A user as a message source: {@code nick!user@host} (RFC 2812 §2.3.1). */
    static String mask(UserRef user) {
        return user.nick() + "!" + user.username() + "@" + user.host();
    }
}
