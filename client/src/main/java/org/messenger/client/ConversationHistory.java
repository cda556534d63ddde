package org.messenger.client;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.messenger.irc.codec.IrcMessage;

/**
 * Loads the recent history of a conversation when it opens (IRCv3 draft/chathistory,
 * https://ircv3.net/specs/extensions/chathistory): sends {@code CHATHISTORY LATEST <target> * N},
 * gathers the {@code chathistory} batch (https://ircv3.net/specs/extensions/batch) and posts it
 * as one {@link ChatEvent.HistoryLoaded}, before the live messages of that conversation that
 * arrived meanwhile (they are held back until then). Every message id shown is remembered per
 * conversation, so a line is never shown twice, live or as history.
 *
 * <p>Owned by the network thread: every method runs there. Everything counted here comes from
 * the server and is bounded.
 */
final class ConversationHistory {
    /** Conversations whose shown message ids are remembered; the least recently used is forgotten first. */
    static final int MAX_CONVERSATIONS = 256;
    /** Message ids remembered per conversation: more than one history request returns. */
    static final int MAX_IDS_PER_CONVERSATION = 512;
    /** Batches open at once, and lines kept per batch: a server sending more is not followed. */
    static final int MAX_OPEN_BATCHES = 16;
    static final int MAX_LINES_PER_BATCH = 1000;
    /** Live events held back per loading conversation; beyond this they are shown at once. */
    static final int MAX_HELD_EVENTS = 1000;

    /** A request sent, waiting for its batch. */
    private static final class Load {
        final String target;
        final String key;
        final CompletableFuture<List<ChatEvent.HistoryLine>> result = new CompletableFuture<>();
        final List<ChatEvent> held = new ArrayList<>();
        final Set<String> heldIds = new HashSet<>();
        boolean batchStarted;
        Runnable cancelTimeout = () -> { };

        Load(String target, String key) {
            this.target = target;
            this.key = key;
        }
    }

    /** An open {@code chathistory} batch; {@code load} is null for one we did not ask for (swallowed). */
    private record Batch(Load load, List<ChatEvent.HistoryLine> lines) {}

    /** What the session lends: sending, posting events, timeouts, the server's features. */
    interface Host {
        void send(IrcMessage message);

        /** Posts an event to listeners, in order with every other event. */
        void post(ChatEvent event);

        /** Runs {@code task} on the event thread after the events posted so far. */
        void afterEvents(Runnable task);

        /** Runs {@code task} on the network thread once {@code ClientConfig.requestTimeout} passed; returns a canceller. */
        Runnable onTimeout(Runnable task);

        ServerFeatures features();

        Set<String> capabilities();

        Instant now();
    }

    private final Host host;
    private final Deque<Load> loading = new ArrayDeque<>();
    private final Map<String, Batch> batches = new HashMap<>();
    private final Map<String, Set<String>> shownIds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > MAX_CONVERSATIONS;
        }
    };
    /** Private conversations whose history was asked for or that we wrote in: not loaded again on their next message. */
    private final Set<String> opened = new LinkedHashSet<>();

    ConversationHistory(Host host) {
        this.host = host;
    }

    /** True when the server offers history in batches. */
    boolean available() {
        Set<String> caps = host.capabilities();
        return caps.contains("draft/chathistory") && caps.contains("batch");
    }

    /**
     * Asks for the latest lines of {@code target} (a channel or a nick). {@code again}: lines shown
     * before are shown again (a conversation reopened in a new window), else left out. Completes
     * with the lines posted, on the event thread after their event; with none when the server has
     * no history or refuses.
     */
    CompletableFuture<List<ChatEvent.HistoryLine>> load(String target, boolean again) {
        String key = key(target);
        opened.add(key);
        trimOpened();
        for (Load load : loading) {
            if (load.key.equals(key)) {
                return load.result;
            }
        }
        if (!available()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (again) {
            shownIds.remove(key);
        }
        Load load = new Load(target, key);
        loading.addLast(load);
        host.send(IrcMessage.of("CHATHISTORY", "LATEST", target, "*",
                Integer.toString(host.features().chatHistoryLimit())));
        load.cancelTimeout = host.onTimeout(() -> {
            if (loading.contains(load)) {
                batches.values().removeIf(batch -> batch.load() == load);
                finish(load, List.of());
            }
        });
        return load.result;
    }

    /** {@link #load} unless the conversation was opened already (loaded, or written in): then nothing. */
    CompletableFuture<List<ChatEvent.HistoryLine>> open(String target) {
        String key = key(target);
        for (Load load : loading) {
            if (load.key.equals(key)) {
                return load.result;
            }
        }
        return opened.contains(key) ? CompletableFuture.completedFuture(List.of()) : load(target, false);
    }

    /** We wrote to {@code nick}: their next message does not load the history (it would show ours again). */
    void markOpened(String nick) {
        opened.add(key(nick));
        trimOpened();
    }

    /** A private message from {@code nick}: the first one opens the conversation, so its history is loaded. */
    void privateMessageFrom(String nick) {
        if (!opened.contains(key(nick)) && available()) {
            load(nick, false);
        }
    }

    private void trimOpened() {
        Iterator<String> it = opened.iterator();
        while (opened.size() > MAX_CONVERSATIONS && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /**
     * A live message of {@code conversation}: posted, held back while its history loads, or
     * dropped when it was shown already (same msgid).
     */
    void live(String conversation, String msgid, ChatEvent event) {
        String key = key(conversation);
        if (msgid != null && ids(key).contains(msgid)) {
            return;
        }
        for (Load load : loading) {
            if (load.key.equals(key) && load.held.size() < MAX_HELD_EVENTS) {
                load.held.add(event);
                if (msgid != null) {
                    load.heldIds.add(msgid);
                }
                return;
            }
        }
        remember(key, msgid);
        host.post(event);
    }

    /** True when {@code message} belongs to a history batch (and was taken here). */
    boolean inBatch(IrcMessage message, Instant time) {
        String ref = message.tags().get("batch");
        Batch batch = ref == null ? null : batches.get(ref);
        if (batch == null) {
            return false;
        }
        if (batch.lines().size() < MAX_LINES_PER_BATCH) {
            line(message, time).ifPresent(batch.lines()::add);
        }
        return true;
    }

    /** {@code BATCH +ref type params...} or {@code BATCH -ref}. */
    void onBatch(IrcMessage message) {
        String ref = message.param(0);
        if (ref == null || ref.length() < 2) {
            return;
        }
        String id = ref.substring(1);
        if (ref.charAt(0) == '+') {
            if (!"chathistory".equals(message.param(1)) || message.param(2) == null || batches.size() >= MAX_OPEN_BATCHES) {
                return;
            }
            String key = key(message.param(2));
            Load owner = null;
            for (Load load : loading) {
                if (load.key.equals(key) && !load.batchStarted) {
                    owner = load;
                    break;
                }
            }
            if (owner != null) {
                owner.batchStarted = true;
            }
            batches.put(id, new Batch(owner, new ArrayList<>()));
        } else if (ref.charAt(0) == '-') {
            Batch batch = batches.remove(id);
            if (batch != null && batch.load() != null && loading.contains(batch.load())) {
                finish(batch.load(), batch.lines());
            }
        }
    }

    /** {@code FAIL CHATHISTORY <code> ...}: the oldest request without a batch gets nothing (answers come in order). */
    void onFail() {
        for (Load load : loading) {
            if (!load.batchStarted) {
                finish(load, List.of());
                return;
            }
        }
    }

    /** The connection is gone: held events are shown, waiting callers get what there is (nothing). */
    void closed() {
        while (!loading.isEmpty()) {
            finish(loading.peekFirst(), List.of());
        }
        batches.clear();
    }

    private void finish(Load load, List<ChatEvent.HistoryLine> lines) {
        loading.remove(load);
        load.cancelTimeout.run();
        Set<String> shown = ids(load.key);
        List<ChatEvent.HistoryLine> fresh = new ArrayList<>(lines.size());
        for (ChatEvent.HistoryLine line : lines) {
            String msgid = line.msgid();
            if (msgid == null || !shown.contains(msgid) && !load.heldIds.contains(msgid)) {
                fresh.add(line);
                remember(load.key, msgid);
            }
        }
        if (!fresh.isEmpty()) {
            host.post(new ChatEvent.HistoryLoaded(host.now(), load.target, fresh));
        }
        for (ChatEvent held : load.held) {
            host.post(held);
        }
        for (String msgid : load.heldIds) {
            remember(load.key, msgid);
        }
        List<ChatEvent.HistoryLine> result = List.copyOf(fresh);
        host.afterEvents(() -> load.result.complete(result));
    }

    private static java.util.Optional<ChatEvent.HistoryLine> line(IrcMessage m, Instant time) {
        boolean notice = m.verb().equals("NOTICE");
        if (!notice && !m.verb().equals("PRIVMSG")) {
            return java.util.Optional.empty();
        }
        String text = m.lastParam() == null ? "" : m.lastParam();
        boolean action = false;
        if (text.startsWith(IrcSession.CTCP)) {
            String body = IrcSession.ctcpBody(text);
            if (notice || !body.startsWith("ACTION")) {
                return java.util.Optional.empty();
            }
            action = true;
            text = body.length() > 7 ? body.substring(7) : "";
        }
        return java.util.Optional.of(new ChatEvent.HistoryLine(time, m.sourceNick(), text, action, notice, m.tags().get("msgid")));
    }

    private void remember(String key, String msgid) {
        if (msgid == null) {
            return;
        }
        Set<String> ids = ids(key);
        ids.add(msgid);
        Iterator<String> it = ids.iterator();
        while (ids.size() > MAX_IDS_PER_CONVERSATION && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private Set<String> ids(String key) {
        return shownIds.computeIfAbsent(key, k -> new LinkedHashSet<>());
    }

    private String key(String conversation) {
        return host.features().caseMapping().fold(conversation);
    }
}
