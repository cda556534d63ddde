package org.messenger.irc.server;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messenger.chat.ChannelView;
import org.messenger.chat.ChatUser;
import org.messenger.chat.MemberSnapshot;
import org.messenger.chat.UserRef;

/**
 * The names of RPL_NAMREPLY (RFC 2812 §3.2.5): a channel's members with their status prefixes,
 * cut into lines of at most {@link #LINE_BUDGET} characters, as UTF-8 bytes. The line's start
 * (":server 353 nick = #channel :") differs per recipient; this part is the same for everyone
 * with the same capabilities.
 *
 * <p>{@link Cache} keeps it per big channel: a JOIN to a 10,000-member lobby lists 10,000 members,
 * and while 10,000 clients register, walking every member for every JOIN (a pointer chase per
 * member, 50 million in all) was most of the server's time. A member list that only grew since
 * ({@link MemberSnapshot#continues}) is extended by its new members instead.
 */
final class NamesText {
    /** Room left in a 512-byte line for the names after ":server 353 nick = #channel :". */
    static final int LINE_BUDGET = 400;

    private byte[] bytes = new byte[256];
    private int length;
    /** Where each line starts in {@link #bytes}; a line ends where the next starts, the last at {@link #length}. */
    private int[] lineStarts = new int[4];
    private int lines;
    /** Characters on the last line. */
    private int lineChars;
    /** Members added, visible or not (for a cached text: how far into its snapshot it is). */
    private int members;
    /** The member list a cached text was made from, or null. */
    private MemberSnapshot snapshot;

    /**
     * Adds the members of {@code channel} from index {@code from} on, skipping invisible ones
     * unless {@code seesInvisible}; with {@code userhost} as {@code nick!user@host}, with
     * {@code multiPrefix} every status prefix (IRCv3 userhost-in-names, multi-prefix).
     */
    void addMembers(ChannelView channel, int from, boolean seesInvisible, boolean userhost, boolean multiPrefix) {
        boolean anyStatus = !channel.operators().isEmpty() || !channel.voiced().isEmpty();
        java.util.List<ChatUser> all = channel.members();
        for (int i = from; i < all.size(); i++) {
            ChatUser user = all.get(i);
            members++;
            if (!seesInvisible && user.isInvisible()) {
                continue;
            }
            String prefix = anyStatus ? ChannelCommands.prefix(channel, user, multiPrefix) : "";
            if (userhost) {
                UserRef ref = user.ref();
                add(prefix, ref.nick(), ref.username(), ref.host());
            } else {
                add(prefix, user.nick(), null, null);
            }
        }
    }

    private void add(String prefix, String nick, String username, String host) {
        int chars = prefix.length() + nick.length() + (username == null ? 0 : 2 + username.length() + host.length());
        if (lines == 0 || lineChars + 1 + chars > LINE_BUDGET) {
            if (lines == lineStarts.length) {
                lineStarts = Arrays.copyOf(lineStarts, lines * 2);
            }
            lineStarts[lines++] = length;
            lineChars = 0;
        } else {
            put(" ");
            lineChars++;
        }
        put(prefix);
        put(nick);
        if (username != null) {
            put("!");
            put(username);
            put("@");
            put(host);
        }
        lineChars += chars;
    }

    private void put(String s) {
        // Nicks, user names and hosts are ASCII (NameRules): one byte per char; anything else as UTF-8.
        int n = s.length();
        if (length + n * 3 > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n * 3));
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = s.substring(i).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, bytes, length, utf8.length);
                length += utf8.length;
                return;
            }
            bytes[length++] = (byte) c;
        }
    }

    int lineCount() {
        return lines;
    }

    /** Line {@code i}'s names, for a reply built as a message. */
    String line(int i) {
        int end = i + 1 < lines ? lineStarts[i + 1] : length;
        return new String(bytes, lineStarts[i], end - lineStarts[i], StandardCharsets.UTF_8);
    }

    /** Writes every line as {@code header}, the names and CR LF. */
    void writeLines(ByteBuf out, byte[] header) {
        out.ensureWritable(length + lines * (header.length + 2));
        for (int i = 0; i < lines; i++) {
            int end = i + 1 < lines ? lineStarts[i + 1] : length;
            out.writeBytes(header);
            out.writeBytes(bytes, lineStarts[i], end - lineStarts[i]);
            out.writeByte('\r').writeByte('\n');
        }
    }

    /**
     * The names texts of the big channels, per capability variant, extended as members join.
     * Thread-safe; a text is written out under the cache's lock.
     */
    static final class Cache {
        /** Smaller channels are listed from scratch: cheap, and not worth the memory. */
        static final int MIN_MEMBERS = 100;
        /** Channels kept; the least recently listed goes first. */
        static final int MAX_CHANNELS = 32;

        private final Map<String, NamesText[]> byChannel = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, NamesText[]> eldest) {
                return size() > MAX_CHANNELS;
            }
        };

        /**
         * Writes {@code channel}'s NAMES lines for a member (who sees invisible members) into
         * {@code out}; false when the channel is not one this cache keeps (then nothing is written).
         */
        synchronized boolean write(ChannelView channel, boolean userhost, boolean multiPrefix, ByteBuf out, byte[] header) {
            if (!(channel.members() instanceof MemberSnapshot snapshot) || snapshot.size() < MIN_MEMBERS) {
                return false;
            }
            NamesText[] variants = byChannel.computeIfAbsent(channel.name(), k -> new NamesText[4]);
            int variant = (userhost ? 1 : 0) | (multiPrefix ? 2 : 0);
            NamesText text = variants[variant];
            if (text == null || !snapshot.continues(text.snapshot)) {
                text = new NamesText();
            }
            if (text.members < snapshot.size()) {
                text.addMembers(channel, text.members, true, userhost, multiPrefix);
            }
            text.snapshot = snapshot;
            variants[variant] = text;
            text.writeLines(out, header);
            return true;
        }

        synchronized void clear() {
            byChannel.clear();
        }
    }
}
