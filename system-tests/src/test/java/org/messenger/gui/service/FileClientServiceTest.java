package org.messenger.gui.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.client.ServerAddress;
import org.messenger.gui.files.DownloadProgress;
import org.messenger.gui.files.FileService;
import org.messenger.gui.files.RemoteFile;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;

class FileClientServiceTest {
    @TempDir
    Path downloads;
    private IrcServer chatOnly;
    private ChatSession session;
    private FileService files;

    @BeforeEach
    void connect() throws Exception {
        chatOnly = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server").build());
        ClientChatService service = new ClientChatService(Duration.ofSeconds(10), Runnable::run);
        session = service.connect(new ServerAddress("127.0.0.1", chatOnly.port()), "alice").get(10, TimeUnit.SECONDS);
        files = service.filesFor(session, downloads);
    }

    @AfterEach
    void close() {
        files.close();
        session.disconnect().join();
        chatOnly.close();
    }

    @Test
    void saysAtOnceWhenTheServerDoesNotShareFiles() {
        assertThatThrownBy(() -> files.listFiles().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().hasMessage("this server does not share files (it does not know the FILES command)");
        assertThat(files.isAvailable()).isTrue();
    }

    @Test
    void refusesASecondDownloadOfAFileStillDownloadingAndShowsNoItemForIt() throws Exception {
        // This server never answers GET, so the first download stays waiting for as long as the test runs.
        List<DownloadProgress> reports = new CopyOnWriteArrayList<>();
        files.addProgressListener(reports::add);
        RemoteFile notes = new RemoteFile("notes.txt", 10);
        long first = files.download(notes).get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> files.download(notes).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().hasMessage("it is already downloading into " + downloads.toAbsolutePath().normalize()
                        + ". Pause, resume or cancel it in the downloads list, or wait until it finishes.");
        assertThat(reports).extracting(DownloadProgress::id).containsOnly(first);
    }
}
