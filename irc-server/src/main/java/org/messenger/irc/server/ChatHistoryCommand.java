package org.messenger.irc.server;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.messenger.chat.Decimal;
import org.messenger.chat.ChannelView;
import org.messenger.chat.ChatHub;
import org.messenger.chat.ChatMessage;
import org.messenger.chat.ChatUser;
import org.messenger.chat.HistoryStore;
import org.messenger.irc.codec.IrcMessage;

/**
 * IRCv3 chat history (https://ircv3.net/specs/extensions/chathistory, capability
 * {@code draft/chathistory}): LATEST, BEFORE, AFTER, AROUND, BETWEEN and TARGETS, the messages
 * inside a {@code chathistory} batch, oldest first. History is read from the hub's history store
 * when there is one, else from the hub's memory ({@link ChatHub#channelHistory},
 * {@link ChatHub#privateHistory}); a channel's history is for its members, a private one for the
 * two people in it.
 */
final class ChatHistoryCommand {
    /** The most messages one request returns (ISUPPORT CHATHISTORY); a larger limit is cut to it. */
    static final int MAX_LIMIT = 100;

    private ChatHistoryCommand() {}

    static void register(CommandTable table) {
        table.add("CHATHISTORY", 0, false, ChatHistoryCommand::chathistory);
    }

    /** A message reference: {@code msgid=...}, {@code timestamp=...} or {@code *}. */
    private record Ref(String msgid, Instant time) {
        static final Ref NONE = new Ref(null, null);

        /** Null when it is neither. */
        static Ref parse(String text) {
            if (text.equals("*")) {
                return NONE;
            }
            if (text.startsWith("msgid=") && text.length() > 6) {
                return new Ref(text.substring(6), null);
            }
            if (text.startsWith("timestamp=")) {
                try {
                    return new Ref(null, Instant.parse(text.substring(10)));
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
            return null;
        }

        /** Where this reference falls in {@code messages}: index of the first message at or after it ("insertion point"), or -1 for an unknown msgid. */
        int position(List<ChatMessage> messages, boolean after) {
            for (int i = 0; i < messages.size(); i++) {
                ChatMessage m = messages.get(i);
                if (msgid != null) {
                    if (msgid.equals(m.id())) {
                        return after ? i + 1 : i;
                    }
                } else if (after ? m.time().isAfter(time) : !m.time().isBefore(time)) {
                    return i;
                }
            }
            return msgid != null ? -1 : messages.size();
        }
    }

    private static void chathistory(IrcConnection c, IrcMessage m) {
        if (m.params().isEmpty()) {
            fail(c, "NEED_MORE_PARAMS", "*", "Missing parameters: CHATHISTORY LATEST|BEFORE|AFTER|AROUND|BETWEEN|TARGETS ...");
            return;
        }
        String sub = m.param(0).toUpperCase(Locale.ROOT);
        int needed = switch (sub) {
            case "LATEST", "BEFORE", "AFTER", "AROUND", "TARGETS" -> 4;
            case "BETWEEN" -> 5;
            default -> -1;
        };
        if (needed < 0) {
            fail(c, "INVALID_PARAMS", m.param(0), "Unknown subcommand: use LATEST, BEFORE, AFTER, AROUND, BETWEEN or TARGETS");
            return;
        }
        if (m.params().size() < needed) {
            fail(c, "NEED_MORE_PARAMS", sub, "Missing parameters");
            return;
        }
        int limit = parseLimit(m.param(needed - 1));
        if (limit < 0) {
            fail(c, "INVALID_PARAMS", sub, "The limit must be a positive number");
            return;
        }
        if (sub.equals("TARGETS")) {
            targets(c, m, limit);
            return;
        }
        String target = m.param(1);
        Ref first = Ref.parse(m.param(2));
        Ref second = sub.equals("BETWEEN") ? Ref.parse(m.param(3)) : Ref.NONE;
        if (first == null || second == null || (first == Ref.NONE && !sub.equals("LATEST")) || (sub.equals("BETWEEN") && second == Ref.NONE)) {
            fail(c, "INVALID_PARAMS", sub, "Give a message reference as msgid=ID or timestamp=YYYY-MM-DDThh:mm:ss.sssZ (* only for LATEST)");
            return;
        }
        Optional<Conversation> conversation = conversationOf(c, target);
        if (conversation.isEmpty()) {
            fail(c, "INVALID_TARGET", sub, target, "No history you can read there: join the channel, or name a nick you talked with");
            return;
        }
        Conversation readable = conversation.get();
        Executor answer = c.laterInResponse();
        readable.messages().whenComplete((all, error) -> answer.execute(() -> {
            if (error != null) {
                fail(c, "MESSAGE_ERROR", sub, target, "The history could not be read (" + rootMessage(error) + "): try again later");
                return;
            }
            List<ChatMessage> visible = readable.since() == null ? all : from(all, readable.since());
            List<ChatMessage> selected = switch (sub) {
                case "LATEST" -> first == Ref.NONE ? last(visible, limit) : slice(visible, first, null, limit, true);
                case "BEFORE" -> slice(visible, null, first, limit, true);
                case "AFTER" -> slice(visible, first, null, limit, false);
                case "AROUND" -> around(visible, first, limit);
                default -> between(visible, first, second, limit);
            };
            replay(c, readable.name(), selected);
        }));
    }

    /**
     * A conversation {@code c}'s user may read: the name to show it under, its messages (oldest
     * first), and the earliest time it may see in it (null: all of it).
     */
    private record Conversation(String name, CompletableFuture<List<ChatMessage>> messages, Instant since) {}

    /**
     * What {@code c}'s user may read under {@code target}, or empty when nothing. A channel's
     * history is for its members. With a history store every conversation is read from it (off
     * the I/O thread, as Ergo does), so channels recreated after a restart and private
     * conversations with people who are offline have their history; without one, the hub's
     * memory serves, and a private conversation only while the other side is online.
     *
     * <p>Private history is kept under the two nicks. A nick passes from hand to hand, so a user
     * reads the private history of its nick from when it took the nick on
     * ({@link ChatUser#nickSince()}), all of it only when logged in to the account that owns the
     * nick (an account is named after its nick): nobody reads a conversation they were not in by
     * taking a nick someone else used.
     */
    private static Optional<Conversation> conversationOf(IrcConnection c, String target) {
        ChatHub hub = c.server().hub();
        ChatUser me = c.user();
        HistoryStore store = hub.historyStore();
        boolean durable = store != HistoryStore.NONE;
        int kept = hub.config().historyPerConversation();
        if (hub.config().names().isChannelName(target)) {
            if (!hub.isMember(me, target)) {
                return Optional.empty();
            }
            String name = hub.channel(target).map(ChannelView::name).orElse(target);
            CompletableFuture<List<ChatMessage>> messages = durable ? store.latest(HistoryStore.channelKey(hub.fold(target)), kept)
                    : CompletableFuture.completedFuture(hub.channelHistory(target));
            return Optional.of(new Conversation(name, messages, null));
        }
        if (!durable) {
            return hub.findUser(target).map(other -> new Conversation(other.nick(),
                    CompletableFuture.completedFuture(hub.privateHistory(me, other)), null));
        }
        if (!hub.config().names().isValidNick(target)) {
            return Optional.empty();
        }
        String name = hub.findUser(target).map(ChatUser::nick).orElse(target);
        return Optional.of(new Conversation(name, store.latest(HistoryStore.privateKey(hub.fold(me.nick()), hub.fold(target)), kept),
                privateSince(hub, me)));
    }

    /** From when {@code me} may read the private history of its nick: all of it (null) when logged in to the account that owns the nick. */
    private static Instant privateSince(ChatHub hub, ChatUser me) {
        String account = me.account();
        return account != null && hub.fold(account).equals(hub.fold(me.nick())) ? null : me.nickSince();
    }

    private static List<ChatMessage> from(List<ChatMessage> all, Instant since) {
        int start = 0;
        while (start < all.size() && all.get(start).time().isBefore(since)) {
            start++;
        }
        return all.subList(start, all.size());
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static List<ChatMessage> last(List<ChatMessage> all, int limit) {
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /**
     * The messages strictly after {@code from} (or from the start) and strictly before
     * {@code to} (or to the end): the latest {@code limit} of them when {@code latest}, else the
     * earliest.
     */
    private static List<ChatMessage> slice(List<ChatMessage> all, Ref from, Ref to, int limit, boolean latest) {
        int start = from == null ? 0 : from.position(all, true);
        int end = to == null ? all.size() : to.position(all, false);
        if (start < 0 || end < 0 || start >= end) {
            return List.of();
        }
        return latest ? all.subList(Math.max(start, end - limit), end) : all.subList(start, Math.min(end, start + limit));
    }

    /** Up to {@code limit} messages centred on the reference, the referenced message included. */
    private static List<ChatMessage> around(List<ChatMessage> all, Ref ref, int limit) {
        int at = ref.position(all, false);
        if (at < 0) {
            return List.of();
        }
        int start = Math.max(0, at - limit / 2);
        int end = Math.min(all.size(), start + limit);
        start = Math.max(0, end - limit);
        return all.subList(start, end);
    }

    /** Between two references in either order: from the earlier one forward, or from the later one back. */
    private static List<ChatMessage> between(List<ChatMessage> all, Ref first, Ref second, int limit) {
        int a = first.position(all, false);
        int b = second.position(all, false);
        if (a < 0 || b < 0) {
            return List.of();
        }
        return a <= b ? slice(all, first, second, limit, false) : slice(all, second, first, limit, true);
    }

    /**
     * TARGETS: the channels and private conversations with messages between two timestamps, with
     * the time of the latest, in a {@code draft/chathistory-targets} batch.
     */
    private static void targets(IrcConnection c, IrcMessage m, int limit) {
        Ref from = Ref.parse(m.param(1));
        Ref to = Ref.parse(m.param(2));
        if (from == null || to == null || from.time() == null || to.time() == null) {
            fail(c, "INVALID_PARAMS", "TARGETS", "TARGETS takes two timestamp=YYYY-MM-DDThh:mm:ss.sssZ references");
            return;
        }
        Instant low = from.time().isBefore(to.time()) ? from.time() : to.time();
        Instant high = from.time().isBefore(to.time()) ? to.time() : from.time();
        ChatHub hub = c.server().hub();
        if (hub.historyStore() != HistoryStore.NONE) {
            targetsFromStore(c, hub, low, high, limit);
            return;
        }
        Map<String, Instant> latest = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (String channel : hub.channelsOf(c.user())) {
            note(latest, order, channel, hub.channelHistory(channel), low, high);
        }
        for (ChatUser other : hub.users()) {
            if (other != c.user()) {
                note(latest, order, other.nick(), hub.privateHistory(c.user(), other), low, high);
            }
        }
        order.sort((x, y) -> latest.get(x).compareTo(latest.get(y)));
        List<IrcMessage> lines = new ArrayList<>();
        for (String target : order.subList(0, Math.min(limit, order.size()))) {
            lines.add(targetLine(c, target, latest.get(target)));
        }
        inBatch(c, "draft/chathistory-targets", List.of(), lines);
    }

    /**
     * TARGETS from the store: the user's channels, and every private conversation of its nick
     * (from when it may read them, as for the messages themselves), offline partners included.
     */
    private static void targetsFromStore(IrcConnection c, ChatHub hub, Instant low, Instant high, int limit) {
        ChatUser me = c.user();
        Map<String, String> channelByKey = new HashMap<>();
        for (String channel : hub.channelsOf(me)) {
            channelByKey.put(HistoryStore.channelKey(hub.fold(channel)), channel);
        }
        Instant since = privateSince(hub, me);
        String myFold = hub.fold(me.nick());
        Executor answer = c.laterInResponse();
        hub.historyStore().activity(List.copyOf(channelByKey.keySet()), myFold, since == null ? Instant.EPOCH : since, low, high, limit)
                .whenComplete((found, error) -> answer.execute(() -> {
                    if (error != null) {
                        fail(c, "MESSAGE_ERROR", "TARGETS", "The history could not be read (" + rootMessage(error) + "): try again later");
                        return;
                    }
                    List<IrcMessage> lines = new ArrayList<>(found.size());
                    for (HistoryStore.Activity activity : found) {
                        String channel = channelByKey.get(activity.conversation());
                        ChatMessage latest = activity.latest();
                        // The other side of a private conversation: whoever of sender and target is not this nick.
                        String target = channel != null ? channel
                                : hub.fold(latest.from().nick()).equals(myFold) ? latest.target() : latest.from().nick();
                        lines.add(targetLine(c, target, latest.time()));
                    }
                    inBatch(c, "draft/chathistory-targets", List.of(), lines);
                }));
    }

    private static IrcMessage targetLine(IrcConnection c, String target, Instant latest) {
        return new IrcMessage(Map.of(), c.serverName(), "CHATHISTORY", List.of("TARGETS", target, "timestamp=" + EventLines.formatTime(latest)));
    }

    private static void note(Map<String, Instant> latest, List<String> order, String target, List<ChatMessage> history, Instant low,
            Instant high) {
        Instant last = null;
        for (ChatMessage message : history) {
            if (!message.time().isBefore(low) && !message.time().isAfter(high)) {
                last = message.time();
            }
        }
        if (last != null) {
            latest.put(target, last);
            order.add(target);
        }
    }

    private static void replay(IrcConnection c, String target, List<ChatMessage> messages) {
        List<IrcMessage> lines = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            lines.add(EventLines.asIrc(message, EventLines.tags(c, message.time(), message.tags(), message.from(), message.id())));
        }
        inBatch(c, "chathistory", List.of(target), lines);
    }

    /** The lines inside {@code BATCH +id type params...} / {@code BATCH -id}, or bare when the client lacks the batch capability. */
    private static void inBatch(IrcConnection c, String type, List<String> params, List<IrcMessage> lines) {
        if (!c.has(Capability.BATCH)) {
            lines.forEach(c::send);
            return;
        }
        String id = c.nextBatchId();
        List<String> open = new ArrayList<>();
        open.add("+" + id);
        open.add(type);
        open.addAll(params);
        c.send(new IrcMessage(Map.of(), c.serverName(), "BATCH", open));
        for (IrcMessage line : lines) {
            Map<String, String> tags = new java.util.LinkedHashMap<>();
            tags.put("batch", id);
            tags.putAll(line.tags());
            c.send(new IrcMessage(tags, line.source(), line.command(), line.params()));
        }
        c.send(new IrcMessage(Map.of(), c.serverName(), "BATCH", List.of("-" + id)));
    }

    /** A limit of 1 or more, cut to {@link #MAX_LIMIT}; -1 when it is not a number. */
    private static int parseLimit(String text) {
        int value = Decimal.parse(text, 9);
        if (value < 0) {
            return text.length() > 9 && text.chars().allMatch(ch -> ch >= '0' && ch <= '9') ? MAX_LIMIT : -1;
        }
        return value < 1 ? -1 : Math.min(value, MAX_LIMIT);
    }

    /** https://ircv3.net/specs/extensions/standard-replies: {@code FAIL CHATHISTORY <code> <context...> :<description>}. */
    private static void fail(IrcConnection c, String code, String... contextAndText) {
        List<String> params = new ArrayList<>();
        params.add("CHATHISTORY");
        params.add(code);
        params.addAll(List.of(contextAndText));
        c.send(new IrcMessage(Map.of(), c.serverName(), "FAIL", params));
    }
}
