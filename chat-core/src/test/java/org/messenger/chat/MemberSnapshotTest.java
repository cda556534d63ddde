package org.messenger.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A channel view's member list is a snapshot that later changes never touch, and says when it only grew. */
class MemberSnapshotTest {
    private final ChatHub hub = new LocalChatHub(ChatConfig.defaults());

    private ChatUser joined(String nick, String channel) throws ChatException {
        ChatUser user = hub.register(nick, "u", "R", "h", new RecordingSession());
        hub.join(user, channel);
        return user;
    }

    private MemberSnapshot snapshot(String channel) {
        return (MemberSnapshot) hub.channel(channel).orElseThrow().members();
    }

    @Test
    void laterJoinsAndLeavesDoNotChangeAnEarlierSnapshot() throws ChatException {
        ChatUser alice = joined("alice", "#c");
        joined("bob", "#c");
        List<ChatUser> before = hub.channel("#c").orElseThrow().members();
        for (int i = 0; i < 20; i++) {
            joined("user" + i, "#c");
        }
        hub.part(alice, "#c", "");

        assertThat(before).extracting(ChatUser::nick).containsExactly("alice", "bob");
        assertThat(hub.channel("#c").orElseThrow().members()).hasSize(21).extracting(ChatUser::nick).doesNotContain("alice");
    }

    @Test
    void onlyJoinsContinueASnapshot() throws ChatException {
        ChatUser alice = joined("alice", "#c");
        ChatUser bob = joined("bob", "#c");
        MemberSnapshot first = snapshot("#c");

        joined("carol", "#c");
        MemberSnapshot grown = snapshot("#c");
        assertThat(grown.continues(first)).as("a JOIN appends").isTrue();
        assertThat(first.continues(grown)).as("not backwards").isFalse();

        hub.changeNick(bob, "bobby");
        MemberSnapshot renamed = snapshot("#c");
        assertThat(renamed.continues(grown)).as("a nick change").isFalse();

        hub.changeChannelModes(alice, "#c", List.of(new ModeChange(true, ChannelMode.VOICE, "carol")));
        MemberSnapshot voiced = snapshot("#c");
        assertThat(voiced.continues(renamed)).as("a status change").isFalse();

        hub.changeUserHost(bob, "b", "elsewhere");
        MemberSnapshot moved = snapshot("#c");
        assertThat(moved.continues(voiced)).as("a host change").isFalse();

        hub.part(bob, "#c", "");
        assertThat(snapshot("#c").continues(moved)).as("a PART").isFalse();
        assertThat(snapshot("#c").continues(snapshot("#c"))).as("nothing changed").isTrue();
    }
}
