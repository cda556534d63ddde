package org.messenger.bench.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.messenger.chat.ChatConfig;
import org.messenger.chat.store.ChatStore;
import org.messenger.irc.server.AccountConfig;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.irc.server.tls.SelfSignedCertificate;
import org.messenger.irc.server.tls.TlsSettings;

/**
 * The server side of {@code bench chat}, run as a child JVM so that its CPU time and resident
 * memory are its own: {@code ChatBenchServer messenger} is our IRC server with the defaults of
 * {@code messenger server} (flood control included) on a free port of 127.0.0.1;
 * {@code ChatBenchServer messenger-tls} is the same server serving only its TLS port, with the
 * self-signed certificate {@code messenger server} would generate (made in a temporary data
 * folder) and the engine the server picks by itself (BoringSSL where it loads, else the JDK's);
 * {@code ChatBenchServer messenger-history IO_THREADS DIR} is our server keeping history in the
 * SQLite database of data folder DIR (100 messages per conversation, fsynced commits), as
 * {@code messenger server} runs by default;
 * {@code ChatBenchServer relay} is the {@link FloorRelay} baseline. The second argument is the
 * number of I/O threads, the same for all so that the comparison stays fair.
 *
 * <p>Talks to the parent over stdin/stdout: prints {@code LISTENING <port> [<what>]} once serving;
 * on the line {@code gc} collects garbage and prints {@code HEAP <live heap bytes> <committed heap bytes>}; on the line
 * {@code jit} prints {@code JIT <milliseconds its JIT compilers have worked so far>}; stops when
 * stdin closes, so it never outlives the benchmark.
 */
public final class ChatBenchServer {
    private ChatBenchServer() {}

    public static void main(String[] args) throws Exception {
        boolean history = args.length == 3 && args[0].equals("messenger-history");
        if (!(history || args.length == 2 && (args[0].equals("messenger") || args[0].equals("messenger-tls") || args[0].equals("relay")))
                || !args[1].matches("[1-9][0-9]?")) {
            System.err.println("usage: ChatBenchServer messenger|messenger-tls|relay IO_THREADS,"
                    + " or ChatBenchServer messenger-history IO_THREADS DATA_DIR");
            System.exit(2);
        }
        int ioThreads = Integer.parseInt(args[1]);
        AutoCloseable server;
        int port;
        String what = "";
        Path dataFolder = null;
        if (history) {
            ChatStore store = ChatStore.open(Path.of(args[2]));
            IrcServer irc = IrcServer.start(IrcServerConfig.builder().port(0).ioThreads(ioThreads)
                    .accounts(AccountConfig.inMemory().withStore(store.accounts()))
                    .history(store.history(ChatConfig.DEFAULT_HISTORY)).build());
            // The server first, then the store it writes to.
            server = () -> {
                irc.close();
                store.close();
            };
            port = irc.port();
        } else if (args[0].equals("messenger-tls")) {
            dataFolder = Files.createTempDirectory("messenger-bench-tls-");
            SelfSignedCertificate.CertificateFiles files = SelfSignedCertificate.loadOrCreate(dataFolder, "messenger.local");
            IrcServer irc = IrcServer.start(IrcServerConfig.builder().port(-1).ioThreads(ioThreads)
                    .tls(0, TlsSettings.of(files.certificate(), files.privateKey(), false)).build());
            server = irc;
            port = irc.tlsPort();
            what = irc.tls().orElseThrow().engine().name();
        } else if (args[0].equals("messenger")) {
            IrcServer irc = IrcServer.start(IrcServerConfig.builder().port(0).ioThreads(ioThreads).build());
            server = irc;
            port = irc.port();
        } else {
            FloorRelay relay = FloorRelay.start(0, ioThreads);
            server = relay;
            port = relay.port();
        }
        System.out.println(("LISTENING " + port + " " + what).strip());
        System.out.flush();
        try (server; BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("gc")) {
                    long used = liveHeapAfterGc();
                    long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
                    System.out.println("HEAP " + used + " " + committed);
                    System.out.flush();
                } else if (line.equals("jit")) {
                    System.out.println("JIT " + ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
                    System.out.flush();
                }
            }
        } catch (IOException e) {
            // The parent went away: stop serving.
        } finally {
            if (dataFolder != null) {
                deleteTree(dataFolder);
            }
        }
        System.exit(0);
    }

    private static void deleteTree(Path folder) {
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete the bench's certificate folder " + folder + ": " + e.getMessage());
        }
    }

    /**
     * Five full collections, then heap used. More than one because cleaners free memory a
     * collection later, and because the serial collector shrinks the old generation gradually
     * (by 0, 10, 40 then 100 % of the excess on successive collections): after the fourth the
     * committed heap is what the live data needs, which is what resident memory should show.
     */
    private static long liveHeapAfterGc() {
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
