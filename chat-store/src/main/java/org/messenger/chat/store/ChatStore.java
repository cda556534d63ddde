package org.messenger.chat.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.messenger.chat.HistoryStore;
import org.messenger.chat.account.AccountStore;

/**
 * The data folder's database: one SQLite file ({@code messenger.db}) in WAL mode, owned by one
 * {@link StoreLoop} thread. Accounts and history are views of it ({@link #accounts()},
 * {@link #history(int)}) sharing that thread and its commits.
 *
 * <p>Durability: {@code journal_mode=WAL} with {@code synchronous=FULL}, so a commit is fsynced
 * to the write-ahead log before the store says it is done; what a user was told is saved (an
 * account, an echoed message) survives a crash of the process and of the machine. See
 * docs/accounts.md for why SQLite and why FULL.
 */
public final class ChatStore implements AutoCloseable {
    public static final String FILE_NAME = "messenger.db";

    private final Path file;
    private final StoreLoop loop;
    private final SqliteAccountStore accounts;
    private SqliteHistoryStore history;

    private ChatStore(Path file, StoreLoop loop) {
        this.file = file;
        this.loop = loop;
        this.accounts = new SqliteAccountStore(loop);
    }

    /** Opens (creating it if needed) {@value #FILE_NAME} in {@code folder} and brings its schema up to date. */
    public static ChatStore open(Path folder) throws IOException {
        return open(folder, Migrations.LATEST);
    }

    /** Opens at a given schema version: tests of migrations from older databases. */
    static ChatStore open(Path folder, int schemaVersion) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE_NAME);
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new IOException("cannot open the database " + file + ": " + e.getMessage()
                    + " (is the folder writable, and not on a network file system?)", e);
        }
        try {
            try (Statement st = connection.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new SQLException("the file system does not allow SQLite's write-ahead log");
                    }
                }
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA foreign_keys=ON");
                // Another process with the same data folder (a second server) waits this long for the lock, then fails.
                st.execute("PRAGMA busy_timeout=5000");
                try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                    String result = rs.next() ? rs.getString(1) : "no answer";
                    if (!"ok".equals(result)) {
                        throw new SQLException("integrity check failed (" + result + "): restore " + FILE_NAME + " from a backup");
                    }
                }
            }
            Migrations.migrate(connection, schemaVersion);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing: the first error is the one to report
            }
            throw new IOException("cannot use the database " + file + ": " + e.getMessage(), e);
        }
        StoreLoop loop = new StoreLoop(connection, "chat-store");
        loop.start();
        return new ChatStore(file, loop);
    }

    public Path file() {
        return file;
    }

    public AccountStore accounts() {
        return accounts;
    }

    /** A history that keeps at most {@code perConversation} messages of each conversation (0: keeps none). */
    public synchronized HistoryStore history(int perConversation) {
        if (perConversation == 0) {
            return HistoryStore.NONE;
        }
        if (history == null) {
            history = new SqliteHistoryStore(loop, perConversation);
        } else if (history.perConversation() != perConversation) {
            throw new IllegalStateException("history is already kept at " + history.perConversation() + " per conversation");
        }
        return history;
    }

    StoreLoop loop() {
        return loop;
    }

    /** Transactions committed so far. */
    long batches() {
        return loop.batches();
    }

    /** Writes what is queued and closes the file. */
    @Override
    public void close() {
        loop.close();
    }
}
