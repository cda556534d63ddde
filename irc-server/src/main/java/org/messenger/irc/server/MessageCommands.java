package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messenger.chat.ChannelMode;
import org.messenger.chat.ChatException;
import org.messenger.chat.ChatHub;
import org.messenger.chat.ChatMessage;
import org.messenger.chat.ChatUser;
import org.messenger.chat.MessageKind;
import org.messenger.irc.codec.IrcMessage;

/** Sending messages, RFC 2812 §3.3: PRIVMSG and NOTICE to nicks and channels, and IRCv3 TAGMSG. */
final class MessageCommands {
    /** Targets per PRIVMSG/NOTICE (ISUPPORT TARGMAX, MAXTARGETS). */
    static final int MAX_TARGETS = 4;

    private MessageCommands() {}

    static void register(CommandTable table) {
        table.add("PRIVMSG", 0, false, (c, m) -> send(c, m, MessageKind.MESSAGE));
        table.add("NOTICE", 0, false, (c, m) -> send(c, m, MessageKind.NOTICE));
        table.add("TAGMSG", 1, false, MessageCommands::tagmsg);
    }

    /**
     * https://ircv3.net/specs/extensions/message-tags: TAGMSG carries only client-only tags (typing
     * indicators, reactions) to nicks or channels; only clients with message-tags get it.
     */
    private static void tagmsg(IrcConnection c, IrcMessage m) {
        Map<String, String> clientTags = clientOnlyTags(m.tags());
        if (clientTags.isEmpty()) {
            return; // nothing to relay
        }
        deliver(c, m.param(0), MessageKind.TAGS_ONLY, "", clientTags, true);
    }

    private static void send(IrcConnection c, IrcMessage m, MessageKind kind) {
        // RFC 2812 §3.3.2: no automatic reply to a NOTICE, so its failures stay silent.
        boolean replies = kind == MessageKind.MESSAGE;
        if (m.params().isEmpty() || m.param(0).isEmpty()) {
            if (replies) {
                c.reply(Numeric.ERR_NORECIPIENT, "No recipient given (" + m.verb() + ")");
            }
            return;
        }
        if (m.params().size() < 2 || m.param(1).isEmpty()) {
            if (replies) {
                c.reply(Numeric.ERR_NOTEXTTOSEND);
            }
            return;
        }
        deliver(c, m.param(0), kind, m.param(1), clientOnlyTags(m.tags()), replies);
    }

    private static void deliver(IrcConnection c, String targetList, MessageKind kind, String text,
            Map<String, String> clientTags, boolean replies) {
        String[] targets = targetList.split(",");
        if (targets.length > MAX_TARGETS) {
            if (replies) {
                c.reply(Numeric.ERR_TOOMANYTARGETS, targetList);
            }
            return;
        }
        ChatHub hub = c.server().hub();
        for (int i = 0; i < targets.length; i++) {
            String target = targets[i];
            if (target.isEmpty() || namedBefore(hub, targets, i)) {
                continue; // "bob,BOB" reaches bob once, as in ircd's duplicate-target check
            }
            try {
                ChatMessage sent;
                char first = target.charAt(0);
                if ((first == '@' || first == '+') && hub.config().names().isChannelName(target.substring(1))) {
                    // STATUSMSG (modern.ircdocs.horse): "@#chan" reaches its operators, "+#chan" voiced members too.
                    sent = hub.sendToChannelStatus(c.user(), target.substring(1), first == '@' ? ChannelMode.OPERATOR : ChannelMode.VOICE,
                            kind, text, clientTags);
                } else if (hub.config().names().isChannelName(target)) {
                    sent = hub.sendToChannel(c.user(), target, kind, text, clientTags);
                } else {
                    sent = hub.sendToUser(c.user(), target, kind, text, clientTags);
                }
                echoWhenStored(c, hub, sent);
                if (replies && kind == MessageKind.MESSAGE && !hub.config().names().isChannelName(target)) {
                    replyIfAway(c, hub, target);
                }
            } catch (ChatException e) {
                if (replies) {
                    ChatErrors.reply(c, e, target);
                }
            }
        }
    }

    /** Whether targets[i] names, under the server's case mapping, one of the targets before it. */
    private static boolean namedBefore(ChatHub hub, String[] targets, int i) {
        String folded = hub.config().caseMapping().fold(targets[i]);
        for (int j = 0; j < i; j++) {
            if (hub.config().caseMapping().fold(targets[j]).equals(folded)) {
                return true;
            }
        }
        return false;
    }

    /**
     * echo-message is the sender's "sent": with a history store it is sent back only once the
     * message is on disk, so what a user saw as sent survives a crash. Everyone else has it at
     * once; only the sender's echo waits for the store's next commit.
     */
    private static void echoWhenStored(IrcConnection c, ChatHub hub, ChatMessage sent) {
        if (!c.has(Capability.ECHO_MESSAGE)) {
            return;
        }
        java.util.concurrent.CompletableFuture<Void> stored = hub.historyStore().sync();
        if (stored.isDone()) {
            c.echo(sent);
            return;
        }
        java.util.concurrent.Executor answer = c.laterInResponse();
        stored.whenComplete((ok, error) -> answer.execute(() -> {
            if (error != null) {
                c.sendNotice("Your message was delivered but could not be saved to the history: " + error.getMessage());
            }
            c.echo(sent);
        }));
    }

    /** RFC 2812 §3.3.1: a message to an away user gets RPL_AWAY back. */
    private static void replyIfAway(IrcConnection c, ChatHub hub, String nick) {
        hub.findUser(nick).map(ChatUser::awayMessage).ifPresent(away -> c.reply(Numeric.RPL_AWAY, nick, away));
    }

    /** Only client-only tags ("+name") travel with a message; the server sets the others itself. */
    private static Map<String, String> clientOnlyTags(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        tags.forEach((k, v) -> {
            if (k.startsWith("+")) {
                result.put(k, v);
            }
        });
        return result;
    }
}
