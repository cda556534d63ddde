package org.messenger.chat.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.messenger.chat.ChatMessage;
import org.messenger.chat.HistoryStore;
import org.messenger.chat.MessageKind;
import org.messenger.chat.UserRef;

/**
 * History in the {@code message} table. Appends are queued to the store thread and written with
 * whatever else is queued in one transaction; after each batch the conversations it touched are
 * cut back to their last {@code perConversation} messages, so the file stays bounded.
 */
final class SqliteHistoryStore implements HistoryStore {
    private final StoreLoop loop;
    private final int perConversation;
    /** Conversations written in the running batch; store thread only. */
    private final Set<String> touched = new HashSet<>();

    SqliteHistoryStore(StoreLoop loop, int perConversation) {
        if (perConversation < 1) {
            throw new IllegalArgumentException("history per conversation must be >= 1, got " + perConversation);
        }
        this.loop = loop;
        this.perConversation = perConversation;
        loop.afterEachBatch(this::prune);
    }

    int perConversation() {
        return perConversation;
    }

    @Override
    public void append(String conversation, ChatMessage message) {
        loop.submit(new StoreLoop.Call<Void>() {
            @Override
            Void call(Connection c) throws SQLException {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO message (conversation, time_ms, sender_nick, sender_user,"
                        + " sender_host, target, kind, text, tags, msgid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    st.setString(1, conversation);
                    st.setLong(2, message.time().toEpochMilli());
                    st.setString(3, message.from().nick());
                    st.setString(4, message.from().username());
                    st.setString(5, message.from().host());
                    st.setString(6, message.target());
                    st.setString(7, message.kind().name());
                    st.setString(8, message.text());
                    st.setString(9, encodeTags(message.tags()));
                    st.setString(10, message.id());
                    st.executeUpdate();
                }
                touched.add(conversation);
                return null;
            }
        });
    }

    @Override
    public CompletableFuture<List<ChatMessage>> latest(String conversation, int limit) {
        int bounded = Math.max(0, Math.min(limit, perConversation));
        return loop.submit(new StoreLoop.Call<List<ChatMessage>>() {
            @Override
            List<ChatMessage> call(Connection c) throws SQLException {
                List<ChatMessage> newestFirst = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement("SELECT time_ms, sender_nick, sender_user, sender_host, target, kind,"
                        + " text, tags, msgid FROM message WHERE conversation = ? ORDER BY id DESC LIMIT ?")) {
                    st.setString(1, conversation);
                    st.setInt(2, bounded);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            newestFirst.add(message(rs, 1));
                        }
                    }
                }
                Collections.reverse(newestFirst);
                return newestFirst;
            }
        }).future;
    }

    /** The message in the columns from {@code first} on: time_ms, sender_nick, sender_user, sender_host, target, kind, text, tags, msgid. */
    private static ChatMessage message(ResultSet rs, int first) throws SQLException {
        return new ChatMessage(Instant.ofEpochMilli(rs.getLong(first)),
                new UserRef(rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3)), rs.getString(first + 4),
                MessageKind.valueOf(rs.getString(first + 5)), rs.getString(first + 6), decodeTags(rs.getString(first + 7)),
                rs.getString(first + 8));
    }

    /**
     * One query on the store thread. The private conversations of a nick are the keys
     * "{@code nick other}" and "{@code other nick}" ({@link HistoryStore#privateKey}); channel keys
     * start with '#' and hold no space, so neither form can match one. The time index
     * (schema version 4) keeps the scan to the range asked for.
     */
    @Override
    public CompletableFuture<List<Activity>> activity(List<String> channels, String foldedNick, Instant privateSince, Instant from,
            Instant to, int limit) {
        List<String> channelKeys = List.copyOf(channels);
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        long privateFromMs = Math.max(fromMs, privateSince.toEpochMilli());
        int bounded = Math.max(0, limit);
        return loop.submit(new StoreLoop.Call<List<Activity>>() {
            @Override
            List<Activity> call(Connection c) throws SQLException {
                String in = channelKeys.isEmpty() ? "0" : "conversation IN (" + "?,".repeat(channelKeys.size() - 1) + "?)";
                String sql = "SELECT m.conversation, m.time_ms, m.sender_nick, m.sender_user, m.sender_host, m.target, m.kind, m.text,"
                        + " m.tags, m.msgid FROM message m JOIN (SELECT max(id) AS last FROM message WHERE time_ms <= ? AND (("
                        + in + " AND time_ms >= ?) OR ((substr(conversation, 1, ?) = ? OR substr(conversation, ?) = ?)"
                        + " AND time_ms >= ?)) GROUP BY conversation) l ON m.id = l.last ORDER BY m.time_ms, m.id LIMIT ?";
                List<Activity> found = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    int i = 1;
                    st.setLong(i++, toMs);
                    for (String key : channelKeys) {
                        st.setString(i++, key);
                    }
                    st.setLong(i++, fromMs);
                    st.setInt(i++, foldedNick.length() + 1);
                    st.setString(i++, foldedNick + " ");
                    st.setInt(i++, -(foldedNick.length() + 1));
                    st.setString(i++, " " + foldedNick);
                    st.setLong(i++, privateFromMs);
                    st.setInt(i, bounded);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            found.add(new Activity(rs.getString(1), message(rs, 2)));
                        }
                    }
                }
                return found;
            }
        }).future;
    }

    /** FIFO: this op commits after every append queued before it. */
    @Override
    public CompletableFuture<Void> sync() {
        return loop.submit(new StoreLoop.Call<Void>() {
            @Override
            Void call(Connection c) {
                return null;
            }
        }).future;
    }

    private void prune() {
        if (touched.isEmpty()) {
            return;
        }
        try (PreparedStatement st = loop.connection().prepareStatement("DELETE FROM message WHERE conversation = ?1 AND id <="
                + " (SELECT id FROM message WHERE conversation = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)")) {
            for (String conversation : touched) {
                st.setString(1, conversation);
                st.setInt(2, perConversation);
                st.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pruning history failed: " + e.getMessage(), e);
        } finally {
            touched.clear();
        }
    }

    /** The history store is closed by its {@link ChatStore}. */
    @Override
    public void close() {}

    /** Client-only tags as {@code length:key length:value ...}: any character survives, no escaping to get wrong. */
    static String encodeTags(Map<String, String> tags) {
        StringBuilder out = new StringBuilder();
        tags.forEach((k, v) -> out.append(k.length()).append(':').append(k).append(v.length()).append(':').append(v));
        return out.toString();
    }

    static Map<String, String> decodeTags(String encoded) {
        Map<String, String> tags = new LinkedHashMap<>();
        int i = 0;
        String key = null;
        while (i < encoded.length()) {
            int colon = encoded.indexOf(':', i);
            int length = Integer.parseInt(encoded, i, colon, 10);
            String value = encoded.substring(colon + 1, colon + 1 + length);
            i = colon + 1 + length;
            if (key == null) {
                key = value;
            } else {
                tags.put(key, value);
                key = null;
            }
        }
        return tags;
    }
}
