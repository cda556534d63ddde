package org.messenger.chat.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered account. {@code name} is as the user wrote it at registration; accounts compare
 * by their casemapped name, which is also the nick the account owns.
 */
public record Account(String name, ScramCredentials credentials, Instant createdAt) {
    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
