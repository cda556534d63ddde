package org.messenger.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.messenger.irc.codec.IrcMessage;

/** A request waiting for its answer; owned by the network thread. */
final class PendingRequest {
    final String description;
    final ReplyMatcher matcher;
    final CompletableFuture<List<IrcMessage>> result = new CompletableFuture<>();
    final List<IrcMessage> collected = new ArrayList<>();
    ScheduledFuture<?> timeout;

    PendingRequest(String description, ReplyMatcher matcher) {
        this.description = description;
        this.matcher = matcher;
    }

    void complete() {
        cancelTimeout();
        result.complete(List.copyOf(collected));
    }

    void fail(Throwable error) {
        cancelTimeout();
        result.completeExceptionally(error);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
