package org.messenger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.messenger.chat.ChatConfig;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.catalogue.SharedFolder;
import org.messenger.files.ports.PortRange;
import org.messenger.files.server.FileService;
import org.messenger.files.server.FileServiceConfig;
import org.messenger.files.server.TransportPortSocket;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.irc.server.OperatorCredential;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.time.TimeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code messenger server}: runs the chat server (IRC over TCP) until Ctrl-C. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Run the chat server (IRC over TCP) until Ctrl-C.",
            "Any IRC client (irssi, WeeChat, HexChat) works with it, as does './messenger chat'.",
            "Everyone who connects joins the lobby channel. On Ctrl-C connected clients are told before it closes."
        })
final class ServerCommand implements Callable<Integer> {
    /** Where './messenger get' connects without --server (ClientOptions). */
    private static final String DEFAULT_CLIENT_SERVER = "127.0.0.1:50000";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "50000", description = "TCP port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 serves the LAN).")
    String bind;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "messenger.local",
            description = "Server name shown to clients (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--lobby", paramLabel = "CHANNEL", defaultValue = "#lobby",
            description = "Channel every client joins on connecting (default: ${DEFAULT-VALUE}).")
    String lobby;

    @Option(names = "--motd", paramLabel = "FILE", description = "Message of the day, read from a UTF-8 text file.")
    Path motd;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Require this password (IRC PASS) from clients. "
            + "Also read from MESSENGER_SERVER_PASSWORD, which keeps it out of the process list.")
    String password;

    @Option(names = "--oper", paramLabel = "NAME:PASSWORD",
            description = "A server operator who may OPER (IRC) to moderate the lobby, KILL and WALLOPS. Repeatable; "
                    + "the password is hashed (PBKDF2) at start and not kept.")
    List<String> operators = new java.util.ArrayList<>();

    @Option(names = "--history", paramLabel = "N", defaultValue = "100",
            description = "Messages remembered per channel and per private conversation (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--sendq", paramLabel = "KIB", defaultValue = "256",
            description = "Send queue per client in KiB: a client with more than this waiting for its socket is disconnected "
                    + "with 'Max SendQ exceeded', as ircd does (default: ${DEFAULT-VALUE}).")
    int sendQueueKib;

    @Option(names = "--files", paramLabel = "DIR", defaultValue = "shared",
            description = "Folder whose files clients can download (default: ./${DEFAULT-VALUE}, created on first run with a sample README.txt).")
    Path files;

    @Option(names = "--udp-ports", paramLabel = "FIRST-LAST", defaultValue = "55000-55015",
            description = "UDP ports for downloads, one per downloading client (default: ${DEFAULT-VALUE}).")
    String udpPorts;

    @Option(names = "--netem", paramLabel = "SPEC",
            description = "Impair the UDP egress of downloads, e.g. \"rate=100mbit,delay=15ms,loss=2%%\" (docs/netem.md).")
    String netem;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        IrcServerConfig.Builder config;
        FileService fileService;
        SharedFolder.Prepared shared;
        Optional<String> example;
        try {
            config = config();
            PortRange ports = PortRange.parse(udpPorts);
            NetemSpec impairment = netem == null || netem.isBlank() ? null : NetemSpec.parse(netem);
            shared = SharedFolder.prepare(files);
            TransferConfig transfer = isLoopback(bind) ? TransferConfig.loopback() : TransferConfig.defaults();
            FileCatalogue catalogue = new FileCatalogue(shared.folder());
            example = catalogue.exampleName();
            fileService = new FileService(catalogue, FileServiceConfig.defaults().withPorts(ports),
                    TransportPortSocket.opener(bind, transfer, impairment), TimeSource.system());
        } catch (IllegalArgumentException | IOException e) {
            err.println("messenger server: " + e.getMessage());
            return 2;
        }
        IrcServer server;
        try {
            server = IrcServer.start(config.extension(fileService).build());
        } catch (IrcServer.PortInUseException | IllegalArgumentException e) {
            fileService.close();
            err.println("messenger server: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop("Server shutting down");
            fileService.close();
            stopped.countDown();
        }, "messenger-server-shutdown"));
        spec.commandLine().getOut().printf("Messenger server on %s:%d, lobby %s. Connect with './messenger chat --nick NAME'"
                + " or any IRC client (e.g. irssi -c %s -p %d). Ctrl-C stops it.%n",
                bind, server.port(), lobby, bind.equals("0.0.0.0") ? "127.0.0.1" : bind, server.port());
        String host = bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
        spec.commandLine().getOut().println(sharingLine(shared, udpPorts, example, host + ":" + server.port()));
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    /**
     * The start-up line about files: which folder, and a download command for a file that is
     * really in it (quoted for the shell, with {@code --server} when this is not the default
     * address), or, when it shares nothing, how to share something.
     *
     * @param server the address clients on this machine connect to, {@code HOST:PORT}
     */
    static String sharingLine(SharedFolder.Prepared shared, String udpPorts, Optional<String> example, String server) {
        String sharing = "Sharing " + shared.folder().toAbsolutePath().normalize()
                + (shared.created() ? " (created, with a sample " + SharedFolder.SAMPLE_NAME + ")" : "")
                + " over UDP ports " + udpPorts;
        if (example.isEmpty()) {
            return sharing + "; it is empty. Copy files into it to share them (no restart needed), or start with"
                    + " --files DIR to share another folder.";
        }
        String name = example.get();
        return sharing + ". Try: ./messenger get" + (server.equals(DEFAULT_CLIENT_SERVER) ? "" : " --server " + server)
                // "--" so that a name starting with "-" is not read as an option.
                + (name.startsWith("-") ? " -- " : " ") + ShellWords.quote(name);
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("localhost") || address.equals("::1");
    }

    private IrcServerConfig.Builder config() throws IOException {
        if (sendQueueKib < 1 || sendQueueKib > 1024 * 1024) {
            throw new IllegalArgumentException("--sendq " + sendQueueKib + " is out of range: give 1 to 1048576 KiB (default 256)");
        }
        IrcServerConfig.Builder builder = IrcServerConfig.builder()
                .port(port)
                .bindAddress(bind)
                .serverName(name)
                .lobby(lobby)
                .sendQueueBytes(sendQueueKib * 1024)
                .chat(ChatConfig.defaults().withHistoryPerConversation(history));
        if (!lobby.startsWith("#") || lobby.length() < 2 || lobby.contains(" ") || lobby.contains(",")) {
            throw new IllegalArgumentException("--lobby '" + lobby + "' is not a channel name: use something like #lobby");
        }
        if (motd != null) {
            try {
                List<String> lines = Files.readAllLines(motd, StandardCharsets.UTF_8);
                builder.motd(lines.stream().map(l -> l.replace("\r", "").replace("\0", "")).toList());
            } catch (IOException e) {
                throw new IOException("cannot read --motd file " + motd + ": " + e.getMessage(), e);
            }
        }
        for (String operator : operators) {
            builder.operator(OperatorCredential.parse(operator));
        }
        String pass = password != null ? password : System.getenv("MESSENGER_SERVER_PASSWORD");
        if (pass != null && !pass.isEmpty()) {
            builder.password(pass);
        }
        return builder;
    }
}
