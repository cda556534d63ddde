package org.messenger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.messenger.chat.ChatConfig;
import org.messenger.chat.store.ChatStore;
import org.messenger.irc.server.AccountConfig;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.catalogue.SharedFolder;
import org.messenger.files.ports.PortRange;
import org.messenger.files.server.FileService;
import org.messenger.files.server.FileServiceConfig;
import org.messenger.files.server.TransportPortSocket;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.irc.server.data.DataFolder;
import org.messenger.irc.server.limits.Cidr;
import org.messenger.irc.server.tls.SelfSignedCertificate;
import org.messenger.irc.server.tls.ServerTls;
import org.messenger.irc.server.tls.TlsSettings;
import org.messenger.irc.server.limits.ConnectionLimits;
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

    @Option(names = {"--port", "--plain-port"}, paramLabel = "PORT|off", defaultValue = "50000",
            description = "Plain TCP port to listen on, or 'off' for TLS only, as an internet-facing server should be (default: ${DEFAULT-VALUE}).")
    String port;

    @Option(names = "--tls-port", paramLabel = "PORT|off", defaultValue = "6697",
            description = "TLS port to listen on, or 'off' (default: ${DEFAULT-VALUE}).")
    String tlsPort;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain for the TLS port (e.g. Let's Encrypt's fullchain.pem); re-read when it changes. "
                    + "Without it a self-signed certificate is generated into the data folder.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert (e.g. privkey.pem).")
    Path tlsKey;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = DataFolder.DEFAULT,
            description = "Folder for what the server keeps between runs: its self-signed TLS certificate, and accounts and message"
                    + " history in one database file (default: ./${DEFAULT-VALUE}, created on first run).")
    Path data;

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

    @Option(names = "--udp-ports", paramLabel = "FIRST-LAST", defaultValue = PortRange.DEFAULT_TEXT,
            description = "UDP ports for downloads, one per downloading client (default: ${DEFAULT-VALUE}).")
    String udpPorts;

    @Option(names = "--offer-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long a client has to start the UDP transfer of a file it asked for; after that the offer is "
                    + "withdrawn (790 'no handshake in time') and its port and file are given back (default: ${DEFAULT-VALUE}).")
    long offerTimeoutSeconds;

    @Option(names = "--max-downloads-per-client", paramLabel = "N", defaultValue = "4",
            description = "Downloads one client may have waiting or running at once; the next GET is refused with 798 "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxDownloadsPerClient;

    @Option(names = "--allow-plaintext-auth",
            description = "Accept passwords (SASL, REGISTER) on unencrypted connections from other machines. Without it only"
                    + " TLS and loopback (127.0.0.1) connections may log in, so passwords never cross a network readable.")
    boolean allowPlaintextAuth;

    @Option(names = "--netem", paramLabel = "SPEC",
            description = "Impair the UDP egress of downloads, e.g. \"rate=100mbit,delay=15ms,loss=2%%\" (docs/netem.md).")
    String netem;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "10000",
            description = "Connections held at once, from everyone; one more is told 'server full' (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--max-per-address", paramLabel = "N", defaultValue = "16",
            description = "Connections at once from one address (an IPv6 /64 counts as one) (default: ${DEFAULT-VALUE}).")
    int maxPerAddress;

    @Option(names = "--limit-loopback",
            description = "Apply the per-address limits to clients on this machine too (exempt by default).")
    boolean limitLoopback;

    @Option(names = "--ip-limit-exempt", paramLabel = "CIDR",
            description = "Address block exempt from the per-address limits, e.g. 10.0.0.0/8 (repeatable).")
    List<String> ipLimitExempt = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "TOML file holding any of these flags, named without '--' (tls-port = 6697); flags given here win."
                    + " Example: docs/config.md.")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (configFile != null) {
            try {
                ServerConfigFile.apply(configFile, spec, spec.commandLine().getParseResult());
            } catch (IllegalArgumentException e) {
                err.println("messenger server: " + e.getMessage());
                return 2;
            }
        }
        IrcServerConfig.Builder config;
        ChatStore store;
        FileService fileService;
        SharedFolder.Prepared shared;
        Optional<String> example;
        try {
            config = config();
            DataFolder folder = openData();
            store = ChatStore.open(folder.root());
            config.accounts(AccountConfig.inMemory().withStore(store.accounts()).withAllowPlaintextAuth(allowPlaintextAuth))
                    .history(store.history(history));
        } catch (IllegalArgumentException | IOException e) {
            err.println("messenger server: " + e.getMessage());
            return 2;
        }
        try {
            FileServiceConfig fileConfig = fileServiceConfig();
            NetemSpec impairment = netem == null || netem.isBlank() ? null : NetemSpec.parse(netem);
            try {
                shared = SharedFolder.prepare(files);
            } catch (IOException e) {
                throw new IOException("--files: " + e.getMessage(), e);
            }
            TransferConfig transfer = isLoopback(bind) ? TransferConfig.loopback() : TransferConfig.defaults();
            FileCatalogue catalogue = new FileCatalogue(shared.folder());
            example = catalogue.exampleName();
            fileService = new FileService(catalogue, fileConfig, TransportPortSocket.opener(bind, transfer, impairment),
                    TimeSource.system());
        } catch (IllegalArgumentException | IOException e) {
            store.close();
            err.println("messenger server: " + e.getMessage());
            return 2;
        }
        IrcServer server;
        try {
            server = IrcServer.start(config.extension(fileService).build());
        } catch (IrcServer.PortInUseException e) {
            fileService.close();
            store.close();
            String flag = tlsPortNumber > 0 && e.address().getPort() == tlsPortNumber ? "--tls-port" : "--port";
            err.println("messenger server: " + e.getMessage() + " Stop it, or choose another port with " + flag + ".");
            return 1;
        } catch (IrcServer.CannotListenException e) {
            fileService.close();
            store.close();
            err.println("messenger server: --bind " + bind + ": " + e.getMessage());
            return 1;
        } catch (ServerTls.UnreadableCertificateException e) {
            fileService.close();
            store.close();
            err.println("messenger server: --tls-cert/--tls-key: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            fileService.close();
            store.close();
            err.println("messenger server: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop("Server shutting down");
            fileService.close();
            store.close(); // after the server: what it queued last is written
            stopped.countDown();
        }, "messenger-server-shutdown"));
        String host = bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
        PrintWriter out = spec.commandLine().getOut();
        if (plainPort >= 0) {
            out.printf("Messenger server on %s:%d, lobby %s. Connect with './messenger chat --nick NAME'"
                    + " or any IRC client (e.g. irssi -c %s -p %d). Ctrl-C stops it.%n",
                    bind, server.port(), lobby, host, server.port());
        }
        if (tlsPortNumber >= 0) {
            out.printf("TLS on %s:%d, certificate SHA-256 fingerprint %s%s. Connect with './messenger chat --tls --server %s:%d"
                    + " --nick NAME', or in irssi '/connect -tls -tls_pinned_cert %s %s %d'.%n",
                    bind, server.tlsPort(), server.tlsFingerprint().orElseThrow(), tlsOrigin, host, server.tlsPort(),
                    server.tlsFingerprint().orElseThrow(), host, server.tlsPort());
        }
        int clientPort = plainPort >= 0 ? server.port() : server.tlsPort();
        out.println(sharingLine(shared, udpPorts, example, host + ":" + clientPort));
        out.println("Accounts and history are kept in " + store.file()
                + ". Register from any IRC client with /quote REGISTER * * <password>.");
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

    /** The file service's settings from the flags; the errors name the flag to fix. */
    private FileServiceConfig fileServiceConfig() {
        PortRange ports;
        try {
            ports = PortRange.parse(udpPorts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--udp-ports: " + e.getMessage(), e);
        }
        if (offerTimeoutSeconds < 1 || offerTimeoutSeconds > 3600) {
            throw new IllegalArgumentException("--offer-timeout " + offerTimeoutSeconds
                    + " is out of range: give 1 to 3600 seconds (default 30)");
        }
        if (maxDownloadsPerClient < 1 || maxDownloadsPerClient > 1000) {
            throw new IllegalArgumentException("--max-downloads-per-client " + maxDownloadsPerClient
                    + " is out of range: give 1 to 1000 (default 4)");
        }
        return FileServiceConfig.defaults().withPorts(ports).withOfferTimeout(Duration.ofSeconds(offerTimeoutSeconds))
                .withMaxDownloadsPerClient(maxDownloadsPerClient);
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("localhost") || address.equals("::1");
    }

    private int plainPort;
    private int tlsPortNumber;
    /** Said beside the fingerprint at start: where the certificate came from. */
    private String tlsOrigin = "";

    private static int parsePort(String flag, String value) {
        if (value.equalsIgnoreCase("off")) {
            return -1;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 0 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(flag + " '" + value + "' is not a port: give 1-65535, or off");
    }

    private DataFolder openData() throws IOException {
        try {
            return DataFolder.open(data);
        } catch (IOException e) {
            throw new IOException("--data: " + e.getMessage(), e);
        }
    }

    /** The operator's certificate, or the data folder's self-signed one (made on first start). */
    private TlsSettings tlsSettings() throws IOException {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("give both --tls-cert FILE and --tls-key FILE, or neither for a self-signed certificate");
        }
        if (tlsCert != null) {
            tlsOrigin = " (from " + tlsCert + ")";
            return TlsSettings.of(tlsCert, tlsKey, true);
        }
        DataFolder folder = openData();
        SelfSignedCertificate.CertificateFiles files = SelfSignedCertificate.loadOrCreate(folder.root(), name);
        tlsOrigin = " (self-signed, " + (files.created() ? "new in " : "from ") + files.certificate()
                + "; clients are asked to trust it on first use)";
        return TlsSettings.of(files.certificate(), files.privateKey(), false);
    }

    private IrcServerConfig.Builder config() throws IOException {
        if (history < 0 || history > 100_000) {
            throw new IllegalArgumentException("--history " + history + " is out of range: give 0 to 100000 messages (default 100)");
        }
        if (sendQueueKib < 1 || sendQueueKib > 1024 * 1024) {
            throw new IllegalArgumentException("--sendq " + sendQueueKib + " is out of range: give 1 to 1048576 KiB (default 256)");
        }
        plainPort = parsePort("--port", port);
        tlsPortNumber = parsePort("--tls-port", tlsPort);
        if (plainPort < 0 && tlsPortNumber < 0) {
            throw new IllegalArgumentException("--port off and --tls-port off leave nothing to listen on: turn one on");
        }
        IrcServerConfig.Builder builder = IrcServerConfig.builder()
                .port(plainPort)
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
        if (maxClients < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("--max-clients and --max-per-address must be at least 1");
        }
        List<Cidr> exempt = new ArrayList<>();
        for (String block : ipLimitExempt) {
            try {
                exempt.add(Cidr.parse(block));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--ip-limit-exempt " + e.getMessage(), e);
            }
        }
        builder.limits(ConnectionLimits.DEFAULTS.withMaxClients(maxClients).withMaxPerAddress(maxPerAddress)
                .withLimitLoopback(limitLoopback).withExempt(exempt));
        if (tlsPortNumber >= 0) {
            builder.tls(tlsPortNumber, tlsSettings());
        } else if (tlsCert != null || tlsKey != null) {
            throw new IllegalArgumentException("--tls-cert and --tls-key need a TLS port: drop --tls-port off");
        }
        for (String operator : operators) {
            try {
                builder.operator(OperatorCredential.parse(operator));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--oper " + e.getMessage(), e);
            }
        }
        String pass = password != null ? password : System.getenv("MESSENGER_SERVER_PASSWORD");
        if (pass != null && !pass.isEmpty()) {
            builder.password(pass);
        }
        return builder;
    }
}
