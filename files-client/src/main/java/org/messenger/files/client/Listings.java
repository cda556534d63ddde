package org.messenger.files.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.messenger.client.ChatClient;
import org.messenger.files.protocol.FileReply;
import org.messenger.irc.codec.IrcMessage;

/**
 * FILES and DOWNLOADS requests and the replies that answer them. The server answers each kind in
 * the order asked, so the entries collected up to an end-of-list reply belong to the oldest
 * request still waiting.
 */
final class Listings {
    private final ChatClient chat;

    // Guarded by this.
    private final Deque<CompletableFuture<List<FileReply.FileEntry>>> pendingFiles = new ArrayDeque<>();
    private final List<FileReply.FileEntry> files = new ArrayList<>();
    private final Deque<CompletableFuture<List<FileReply.DownloadEntry>>> pendingDownloads = new ArrayDeque<>();
    private final List<FileReply.DownloadEntry> downloads = new ArrayList<>();

    Listings(ChatClient chat) {
        this.chat = chat;
    }

    /** Sends FILES; the request joins the queue before the line leaves, so no answer can overtake it. */
    synchronized CompletableFuture<List<FileReply.FileEntry>> requestFiles() {
        CompletableFuture<List<FileReply.FileEntry>> answer = new CompletableFuture<>();
        pendingFiles.add(answer);
        chat.send(IrcMessage.of("FILES"));
        return answer;
    }

    synchronized CompletableFuture<List<FileReply.DownloadEntry>> requestDownloads() {
        CompletableFuture<List<FileReply.DownloadEntry>> answer = new CompletableFuture<>();
        pendingDownloads.add(answer);
        chat.send(IrcMessage.of("DOWNLOADS"));
        return answer;
    }

    synchronized void onFile(FileReply.FileEntry entry) {
        files.add(entry);
    }

    synchronized void onDownload(FileReply.DownloadEntry entry) {
        downloads.add(entry);
    }

    void onEndOfFiles() {
        CompletableFuture<List<FileReply.FileEntry>> answer;
        List<FileReply.FileEntry> entries;
        synchronized (this) {
            answer = pendingFiles.poll();
            entries = List.copyOf(files);
            files.clear();
        }
        if (answer != null) {
            answer.complete(entries);
        }
    }

    void onEndOfDownloads() {
        CompletableFuture<List<FileReply.DownloadEntry>> answer;
        List<FileReply.DownloadEntry> entries;
        synchronized (this) {
            answer = pendingDownloads.poll();
            entries = List.copyOf(downloads);
            downloads.clear();
        }
        if (answer != null) {
            answer.complete(entries);
        }
    }

    /** The server cannot read its folder: the oldest FILES fails; false when none was waiting. */
    boolean failOldestFiles(String message) {
        CompletableFuture<List<FileReply.FileEntry>> answer;
        synchronized (this) {
            answer = pendingFiles.poll();
        }
        if (answer == null) {
            return false;
        }
        answer.completeExceptionally(new FileClientException(message));
        return true;
    }

    /** The connection closed: every FILES still waiting fails with {@code message}. */
    void failAllFiles(String message) {
        List<CompletableFuture<List<FileReply.FileEntry>>> waiting;
        synchronized (this) {
            waiting = List.copyOf(pendingFiles);
            pendingFiles.clear();
        }
        waiting.forEach(f -> f.completeExceptionally(new FileClientException(message)));
    }
}
