package org.messenger.chat.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as ordered steps. The database records the last step applied in
 * {@code schema_version}; opening it applies the steps after that one, each in its own
 * transaction with its version bump, so a crash during a migration leaves the previous version
 * whole. Steps are never edited once released: a change is a new step at the end.
 */
final class Migrations {
    /** Step n (1-based) brings the schema from version n-1 to n. */
    static final List<List<String>> STEPS = List.of(
            // 1: accounts. name_folded is the casemapped name (the nick it owns); SCRAM-SHA-256 verifier only.
            List.of("""
                    CREATE TABLE account (
                        name_folded TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        scram_salt BLOB NOT NULL,
                        scram_iterations INTEGER NOT NULL,
                        scram_stored_key BLOB NOT NULL,
                        scram_server_key BLOB NOT NULL,
                        created_ms INTEGER NOT NULL
                    ) WITHOUT ROWID"""),
            // 2: conversation history, the last N messages of every channel and private pair.
            List.of("""
                    CREATE TABLE message (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        conversation TEXT NOT NULL,
                        time_ms INTEGER NOT NULL,
                        sender_nick TEXT NOT NULL,
                        sender_user TEXT NOT NULL,
                        sender_host TEXT NOT NULL,
                        target TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        text TEXT NOT NULL,
                        tags TEXT NOT NULL
                    )""",
                    "CREATE INDEX message_by_conversation ON message (conversation, id)"),
            // 3: the message's IRCv3 msgid, so CHATHISTORY can name messages from before a restart (null for older rows).
            List.of("ALTER TABLE message ADD COLUMN msgid TEXT"),
            // 4: CHATHISTORY TARGETS asks which conversations had messages in a time range.
            List.of("CREATE INDEX message_by_time ON message (time_ms)"));

    static final int LATEST = STEPS.size();

    private Migrations() {}

    /** The version the database is at; 0 for an empty one. */
    static int version(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            try (ResultSet rs = st.executeQuery("SELECT max(version) FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /**
     * Brings the database to {@code target}. Refuses a database newer than this program: it would
     * otherwise be written in a shape its newer owner does not expect.
     */
    static void migrate(Connection connection, int target) throws SQLException {
        int current = version(connection);
        if (current > LATEST) {
            throw new SQLException("the database is at schema version " + current + " but this Messenger knows only up to "
                    + LATEST + ": run the newer Messenger that wrote it, or restore a backup");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int version = current + 1; version <= target; version++) {
                try (Statement st = connection.createStatement()) {
                    for (String sql : STEPS.get(version - 1)) {
                        st.execute(sql);
                    }
                    st.execute("DELETE FROM schema_version");
                    st.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw new SQLException("schema migration to version " + version + " failed: " + e.getMessage(), e);
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
