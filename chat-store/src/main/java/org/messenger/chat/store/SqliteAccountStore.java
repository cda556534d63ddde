package org.messenger.chat.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.messenger.chat.account.Account;
import org.messenger.chat.account.AccountStore;
import org.messenger.chat.account.ScramCredentials;

/** Accounts in the {@code account} table, read and written on the store thread. */
final class SqliteAccountStore implements AccountStore {
    private final StoreLoop loop;

    SqliteAccountStore(StoreLoop loop) {
        this.loop = loop;
    }

    @Override
    public CompletableFuture<Boolean> create(String foldedName, Account account) {
        return loop.submit(new StoreLoop.Call<Boolean>() {
            @Override
            Boolean call(Connection c) throws SQLException {
                try (PreparedStatement st = c.prepareStatement("INSERT OR IGNORE INTO account (name_folded, name, scram_salt,"
                        + " scram_iterations, scram_stored_key, scram_server_key, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ScramCredentials s = account.credentials();
                    st.setString(1, foldedName);
                    st.setString(2, account.name());
                    st.setBytes(3, s.salt());
                    st.setInt(4, s.iterations());
                    st.setBytes(5, s.storedKey());
                    st.setBytes(6, s.serverKey());
                    st.setLong(7, account.createdAt().toEpochMilli());
                    return st.executeUpdate() == 1;
                }
            }
        }).future;
    }

    @Override
    public CompletableFuture<Optional<Account>> find(String foldedName) {
        return loop.submit(new StoreLoop.Call<Optional<Account>>() {
            @Override
            Optional<Account> call(Connection c) throws SQLException {
                try (PreparedStatement st = c.prepareStatement("SELECT name, scram_salt, scram_iterations, scram_stored_key,"
                        + " scram_server_key, created_ms FROM account WHERE name_folded = ?")) {
                    st.setString(1, foldedName);
                    try (ResultSet rs = st.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        ScramCredentials credentials = new ScramCredentials(rs.getBytes(2), rs.getInt(3), rs.getBytes(4), rs.getBytes(5));
                        return Optional.of(new Account(rs.getString(1), credentials, Instant.ofEpochMilli(rs.getLong(6))));
                    }
                }
            }
        }).future;
    }

    /** The store is closed by its {@link ChatStore}. */
    @Override
    public void close() {}
}
