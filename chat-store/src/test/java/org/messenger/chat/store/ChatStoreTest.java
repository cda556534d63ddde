package org.messenger.chat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.chat.ChatMessage;
import org.messenger.chat.HistoryStore;
import org.messenger.chat.MessageKind;
import org.messenger.chat.UserRef;
import org.messenger.chat.account.Account;
import org.messenger.chat.account.ScramCredentials;

class ChatStoreTest {
    @TempDir
    Path folder;

    static Account account(String name, byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return new Account(name, new ScramCredentials(new byte[16], 4096, key, key), Instant.ofEpochMilli(1_700_000_000_000L));
    }

    static ChatMessage message(String from, String target, String text) {
        return new ChatMessage(Instant.ofEpochMilli(1_700_000_000_000L), new UserRef(from, "~" + from, "127.0.0.1"), target,
                MessageKind.MESSAGE, text, Map.of());
    }

    @Test
    void emptyFolderGetsTheLatestSchemaInWalMode() throws Exception {
        try (ChatStore store = ChatStore.open(folder)) {
            assertThat(store.file()).exists();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(ChatStore.FILE_NAME));
                Statement st = c.createStatement()) {
            assertThat(Migrations.version(c)).isEqualTo(Migrations.LATEST);
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
        }
    }

    @Test
    void everyOlderVersionMigratesToTheLatestKeepingItsData() throws Exception {
        for (int from = 1; from < Migrations.LATEST; from++) {
            Path dir = folder.resolve("from-" + from);
            try (ChatStore old = ChatStore.open(dir, from)) {
                assertThat(old.accounts().create("alice", account("Alice", (byte) 1)).get()).isTrue();
            }
            try (ChatStore store = ChatStore.open(dir)) {
                assertThat(store.accounts().find("alice").get()).map(Account::name).contains("Alice");
                HistoryStore history = store.history(10);
                history.append("#lobby", message("alice", "#lobby", "after the migration"));
                assertThat(history.latest("#lobby", 10).get()).extracting(ChatMessage::text).containsExactly("after the migration");
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ChatStore.FILE_NAME))) {
                assertThat(Migrations.version(c)).isEqualTo(Migrations.LATEST);
            }
        }
    }

    @Test
    void databaseFromANewerMessengerIsRefusedWithAdvice() throws Exception {
        ChatStore.open(folder).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(ChatStore.FILE_NAME));
                Statement st = c.createStatement()) {
            st.execute("UPDATE schema_version SET version = " + (Migrations.LATEST + 1));
        }
        assertThatThrownBy(() -> ChatStore.open(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("knows only up to " + Migrations.LATEST).hasMessageContaining("restore a backup");
    }

    @Test
    void accountIsCreatedOnceAndFoundByFoldedName() throws Exception {
        try (ChatStore store = ChatStore.open(folder)) {
            assertThat(store.accounts().create("alice", account("Alice", (byte) 1)).get()).isTrue();
            assertThat(store.accounts().create("alice", account("ALICE", (byte) 2)).get()).isFalse();
            Optional<Account> found = store.accounts().find("alice").get();
            assertThat(found).isPresent();
            assertThat(found.get().name()).isEqualTo("Alice");
            assertThat(found.get().credentials()).isEqualTo(account("Alice", (byte) 1).credentials());
            assertThat(store.accounts().find("bob").get()).isEmpty();
        }
    }

    @Test
    void accountSurvivesReopening() throws Exception {
        try (ChatStore store = ChatStore.open(folder)) {
            store.accounts().create("alice", account("Alice", (byte) 1)).get();
        }
        try (ChatStore store = ChatStore.open(folder)) {
            assertThat(store.accounts().find("alice").get()).isPresent();
        }
    }

    @Test
    void historyKeepsTheLastNOfEachConversationOldestFirst() throws Exception {
        try (ChatStore store = ChatStore.open(folder)) {
            HistoryStore history = store.history(3);
            for (int i = 1; i <= 5; i++) {
                history.append("#lobby", message("alice", "#lobby", "lobby " + i));
                history.append("alice bob", message("alice", "bob", "private " + i));
            }
            history.sync().get();
            assertThat(history.latest("#lobby", 100).get()).extracting(ChatMessage::text).containsExactly("lobby 3", "lobby 4", "lobby 5");
            assertThat(history.latest("alice bob", 2).get()).extracting(ChatMessage::text).containsExactly("private 4", "private 5");
            assertThat(rows(folder)).isEqualTo(6);
        }
    }

    @Test
    void historySurvivesReopeningWithSenderTagsAndKind() throws Exception {
        ChatMessage notice = new ChatMessage(Instant.ofEpochMilli(1_700_000_000_123L), new UserRef("bob", "~bob", "10.0.0.2"),
                "#lobby", MessageKind.NOTICE, "with tags", Map.of("+draft/reply", "a;b=c 1:2", "+x", ""));
        try (ChatStore store = ChatStore.open(folder)) {
            store.history(10).append("#lobby", notice);
        }
        try (ChatStore store = ChatStore.open(folder)) {
            assertThat(store.history(10).latest("#lobby", 10).get()).containsExactly(notice);
        }
    }

    @Test
    void historyKeepsTheMsgidAcrossReopening() throws Exception {
        ChatMessage said = new ChatMessage(Instant.ofEpochMilli(1_700_000_000_456L), new UserRef("bob", "~bob", "10.0.0.2"),
                "#lobby", MessageKind.MESSAGE, "named", Map.of(), "k3x9-42");
        try (ChatStore store = ChatStore.open(folder)) {
            store.history(10).append("#lobby", said);
        }
        try (ChatStore store = ChatStore.open(folder)) {
            assertThat(store.history(10).latest("#lobby", 10).get()).extracting(ChatMessage::id).containsExactly("k3x9-42");
        }
    }

    private static ChatMessage said(long timeMs, String from, String target, String text) {
        return new ChatMessage(Instant.ofEpochMilli(timeMs), new UserRef(from, "~" + from, "10.0.0.2"), target, MessageKind.MESSAGE, text,
                Map.of(), "id-" + text);
    }

    @Test
    void activityNamesTheUsersChannelsAndPrivateConversationsWithTheirLatestMessageInRange() throws Exception {
        try (ChatStore store = ChatStore.open(folder)) {
            HistoryStore history = store.history(10);
            history.append("#dev", said(1_000, "bob", "#dev", "dev-1"));
            history.append("#dev", said(5_000, "bob", "#dev", "dev-2"));
            history.append("#other", said(2_000, "bob", "#other", "not-a-member"));
            history.append(HistoryStore.privateKey("al", "bob"), said(3_000, "bob", "al", "from-bob"));
            history.append(HistoryStore.privateKey("al", "zed"), said(4_000, "al", "zed", "to-zed"));
            history.append(HistoryStore.privateKey("bob", "zed"), said(4_500, "bob", "zed", "not-al"));
            history.append(HistoryStore.privateKey("alice", "bob"), said(4_600, "alice", "bob", "a-longer-nick"));

            List<HistoryStore.Activity> found = history.activity(List.of("#dev"), "al", Instant.EPOCH, Instant.ofEpochMilli(0),
                    Instant.ofEpochMilli(4_000), 10).get();

            assertThat(found).extracting(HistoryStore.Activity::conversation).containsExactly("#dev", "al bob", "al zed");
            assertThat(found).extracting(a -> a.latest().text()).containsExactly("dev-1", "from-bob", "to-zed");
        }
    }

    @Test
    void activityCountsPrivateMessagesOnlyFromWhenTheNickMayReadThem() throws Exception {
        try (ChatStore store = ChatStore.open(folder)) {
            HistoryStore history = store.history(10);
            history.append(HistoryStore.privateKey("al", "bob"), said(1_000, "bob", "al", "before"));
            history.append(HistoryStore.privateKey("al", "zed"), said(3_000, "zed", "al", "after"));

            List<HistoryStore.Activity> found = history.activity(List.of(), "al", Instant.ofEpochMilli(2_000), Instant.EPOCH,
                    Instant.ofEpochMilli(10_000), 10).get();

            assertThat(found).extracting(a -> a.latest().text()).containsExactly("after");
        }
    }

    @Test
    void appendsQueuedTogetherShareOneCommit() throws Exception {
        try (ChatStore store = ChatStore.open(folder)) {
            HistoryStore history = store.history(1000);
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            // Holds the store thread so that everything below is queued before it looks again.
            store.loop().submit(new StoreLoop.Call<Void>() {
                @Override
                Void call(Connection c) {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }
            });
            holding.await();
            long before = store.batches();
            List<CompletableFuture<Void>> syncs = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                history.append("#lobby", message("alice", "#lobby", "m" + i));
                if (i % 100 == 0) {
                    syncs.add(history.sync());
                }
            }
            release.countDown();
            CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new)).get();
            // The holding op's own commit, then 2,020 ops in commits of at most 512.
            assertThat(store.batches() - before).isEqualTo(1 + 4);
            assertThat(history.latest("#lobby", 1000).get()).hasSize(1000);
        }
    }

    @Test
    void closedStoreFailsNewWorkInsteadOfHanging() throws Exception {
        ChatStore store = ChatStore.open(folder);
        store.close();
        assertThat(store.accounts().find("alice")).isCompletedExceptionally();
    }

    private static int rows(Path folder) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(ChatStore.FILE_NAME));
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM message")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
