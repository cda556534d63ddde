package org.messenger.chat.account;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where accounts are kept. Every call returns at once; the future completes on the store's own
 * thread, so callers on an event loop must hop back to it before touching their state.
 *
 * <p>Names are looked up by their casemapped form ({@code foldedName}), which the caller computes
 * with the hub's casemapping.
 */
public interface AccountStore extends AutoCloseable {
    /**
     * Creates the account; completes with true once it is durable (a crash after this loses
     * nothing), false when an account with that folded name exists.
     */
    CompletableFuture<Boolean> create(String foldedName, Account account);

    CompletableFuture<Optional<Account>> find(String foldedName);

    @Override
    void close();
}
