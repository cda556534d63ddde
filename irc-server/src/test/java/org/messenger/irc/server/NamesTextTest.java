package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.messenger.chat.ChannelMode;
import org.messenger.chat.ChannelView;
import org.messenger.chat.ChatConfig;
import org.messenger.chat.ChatException;
import org.messenger.chat.ChatHub;
import org.messenger.chat.ChatUser;
import org.messenger.chat.LocalChatHub;
import org.messenger.chat.ModeChange;

/** NAMES lines of a big channel come from a cache extended as members join, and always say what a fresh listing would. */
class NamesTextTest {
    private static final byte[] HEADER = ":s 353 me = #big :".getBytes(StandardCharsets.US_ASCII);
    private final ChatHub hub = new LocalChatHub(ChatConfig.defaults());
    private final NamesText.Cache cache = new NamesText.Cache();
    private final List<ChatUser> users = new ArrayList<>();

    private void join(int count) throws ChatException {
        for (int i = 0; i < count; i++) {
            ChatUser user = hub.register("user" + users.size(), "u" + users.size(), "R", "h", event -> {});
            hub.join(user, "#big");
            users.add(user);
        }
    }

    private ChannelView view() {
        return hub.channel("#big").orElseThrow();
    }

    private String cached(boolean userhost, boolean multiPrefix) {
        ByteBuf out = Unpooled.buffer();
        assertThat(cache.write(view(), userhost, multiPrefix, out, HEADER)).as("a big channel is cached").isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    private String fresh(boolean userhost, boolean multiPrefix) {
        NamesText text = new NamesText();
        text.addMembers(view(), 0, true, userhost, multiPrefix);
        ByteBuf out = Unpooled.buffer();
        text.writeLines(out, HEADER);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesFitTheBudgetAndListEveryMemberInOrder() throws ChatException {
        join(300);
        String lines = cached(false, false);

        List<String> names = new ArrayList<>();
        for (String line : lines.split("\r\n")) {
            assertThat(line).startsWith(":s 353 me = #big :");
            String part = line.substring(HEADER.length);
            assertThat(part.length()).isLessThanOrEqualTo(NamesText.LINE_BUDGET);
            names.addAll(List.of(part.split(" ")));
        }
        assertThat(names).as("user0 created the channel: its operator").hasSize(300).startsWith("@user0", "user1").endsWith("user299");
    }

    @Test
    void aCachedListingAfterJoinsIsWhatAFreshOneSays() throws ChatException {
        join(150);
        cached(false, false);
        cached(true, false);
        join(157);

        assertThat(cached(false, false)).isEqualTo(fresh(false, false)).contains(" user306\r\n");
        assertThat(cached(true, false)).isEqualTo(fresh(true, false)).contains(" user306!u306@h\r\n");
    }

    @Test
    void nickStatusAndPartChangesAreSeenAtTheNextListing() throws ChatException {
        join(150);
        cached(false, true);
        hub.changeNick(users.get(3), "renamed");
        assertThat(cached(false, true)).isEqualTo(fresh(false, true)).contains(" renamed ").doesNotContain(" user3 ");

        ChatUser oper = users.get(0); // it created #big: its operator
        hub.changeChannelModes(oper, "#big", List.of(new ModeChange(true, ChannelMode.VOICE, "user5")));
        assertThat(cached(false, true)).isEqualTo(fresh(false, true)).contains(" +user5 ").contains(":@user0 ");

        hub.part(users.get(7), "#big", "");
        assertThat(cached(false, true)).isEqualTo(fresh(false, true)).doesNotContain(" user7 ");
    }

    @Test
    void smallChannelsAreNotCached() throws ChatException {
        join(NamesText.Cache.MIN_MEMBERS - 1);
        assertThat(cache.write(view(), false, false, Unpooled.buffer(), HEADER)).isFalse();
    }
}
