package org.messenger.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatClientException;
import picocli.CommandLine.Model.CommandSpec;

/** Connect, do one thing, disconnect: the shape of every script-friendly command. */
final class OneShot {
    private OneShot() {}

    interface Action {
        void run(ChatClient client);
    }

    /** 0 when {@code action} succeeded; 1 with a one-line "messenger NAME: problem" on stderr otherwise. */
    static int run(CommandSpec spec, ClientOptions options, Action action) {
        String name = spec.qualifiedName();
        ChatClient client;
        try {
            client = new ChatClient(options.configWithNickOrGenerated());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(name + ": " + e.getMessage());
            return 2;
        }
        try {
            client.connect();
            action.run(client);
            return 0;
        } catch (ChatClientException e) {
            spec.commandLine().getErr().println(name + ": " + ClientErrors.describe(e));
            return 1;
        } finally {
            client.disconnect("done");
        }
    }

    /** Waits for a client future within the command's timeout, turning its failure into a ChatClientException. */
    static <T> T await(CompletableFuture<T> future, ClientOptions options) {
        try {
            // The client already bounds each request; this is a safety net against a stuck future.
            return future.get(options.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChatClientException chat) {
                throw chat;
            }
            throw new ChatClientException(ChatClientException.Problem.REFUSED, String.valueOf(e.getCause().getMessage()), e);
        } catch (TimeoutException e) {
            throw new ChatClientException(ChatClientException.Problem.TIMEOUT, "the server did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatClientException(ChatClientException.Problem.NOT_CONNECTED, "interrupted");
        }
    }
}
