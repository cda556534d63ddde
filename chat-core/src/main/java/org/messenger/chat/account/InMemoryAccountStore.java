package org.messenger.chat.account;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Accounts kept only while the process runs: tests, and a server started without a data folder. */
public final class InMemoryAccountStore implements AccountStore {
    private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Boolean> create(String foldedName, Account account) {
        return CompletableFuture.completedFuture(accounts.putIfAbsent(foldedName, account) == null);
    }

    @Override
    public CompletableFuture<Optional<Account>> find(String foldedName) {
        return CompletableFuture.completedFuture(Optional.ofNullable(accounts.get(foldedName)));
    }

    @Override
    public void close() {}
}
