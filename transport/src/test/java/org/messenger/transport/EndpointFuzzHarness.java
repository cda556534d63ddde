package org.messenger.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.time.Duration;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.io.DatagramEndpoint;
import org.messenger.transport.io.DatagramSender;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.FuzzPackets;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketNumbers;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.sim.SimulatedNetwork;

/**
 * A real download of a small file between a real sender endpoint and a real receiver endpoint
 * (real ticket, real handshake) on the simulated network, with datagrams from a fuzz input
 * injected along the way, as an attacker on or off the path would send them. Everything is in
 * virtual time and seeded, so an input replays exactly.
 *
 * <h2>Input</h2>
 * A sequence of records, each {@code control(1) delay(1) length(2, big-endian) frames(length)};
 * a short last record takes what is left. For each record the download first runs {@code delay}
 * ms of virtual time, then the frames are sealed by {@link FuzzPackets#protect} into a datagram
 * of the transfer, with the transfer's real keys (the harness holds the ticket), and delivered. It
 * is a handshake packet (HMAC under the author's handshake key from the token) when the frames
 * start with HELLO or HELLO_REPLY or when no HELLO_REPLY has been seen yet, and otherwise an AEAD
 * packet under the traffic keys of the nonces the sender's last HELLO_REPLY carried (the keys both
 * ends use):
 * <ul>
 *   <li>control bit 0: 0 to the sender (as from a receiver), 1 to the receiver (as from a sender);
 *   <li>bit 1: 1 from the attacker's own address, 0 from the honest peer's address (spoofed);
 *   <li>bit 2: handshake fix-up, so that handshake frames match the transfer's: a HELLO frame gets
 *       the nonce of the honest receiver's HELLO (a replay, its MAC computed again from the token
 *       when sealed), a HELLO_REPLY the nonces of the sender's reply, and a HELLO_DONE echoes the
 *       sender's nonce (each once seen on the wire);
 *   <li>bits 4-7: packet number = one above the largest the honest side has used and above every
 *       earlier record's, + this value.
 * </ul>
 * The fuzz target may force the direction (bit 0).
 *
 * <h2>What is recorded for the invariants</h2>
 * Every poll and every datagram sent per endpoint and per virtual second (spin); the bytes the
 * sender sent to and received from each address, checked at every send against whether the sender
 * has validated that address (anti-amplification); and whether a CLOSE(done) had reached the
 * sender when it completed.
 */
final class EndpointFuzzHarness {
    static final int FILE_BYTES = 20_000;
    static final long TRANSFER_ID = 0x0F0E0D0C0B0A0908L;
    static final byte[] TOKEN = new byte[TransferTicket.TOKEN_BYTES];
    static final long ONE_WAY_DELAY_NANOS = 5_000_000L;
    /** After the last record: past the idle timeout and the closing linger, so every timer fires. */
    static final long AFTER_INPUT_NANOS = Duration.ofSeconds(20).toNanos();
    static final long MAX_STEPS = 400_000;
    static final int MAX_RECORDS = 64;

    final InetSocketAddress senderAddress = SimulatedNetwork.address(1, 4433);
    final InetSocketAddress receiverAddress = SimulatedNetwork.address(2, 5000);
    final InetSocketAddress attackerAddress = SimulatedNetwork.address(3, 6000);

    private static Path source;
    private static Path target;

    final SimulatedNetwork net = new SimulatedNetwork(7);
    final Counting sender;
    final Counting receiver;
    final TransferHandle sendHandle;
    final ReceiveHandle receiveHandle;
    private final FileChannel sourceChannel;
    private final FileChannel targetChannel;

    // Keys, indexed by Side.ordinal(): each seals as that side and opens what its peer sealed.
    private final PacketProtection[] handshakeKeys = {
            KeySchedule.handshakeProtection(TOKEN, TRANSFER_ID, Side.RECEIVER),
            KeySchedule.handshakeProtection(TOKEN, TRANSFER_ID, Side.SENDER)};
    /** Null until the sender's first HELLO_REPLY; new ones when a reply carries other nonces. */
    private final PacketProtection[] trafficKeys = new PacketProtection[2];

    // What was seen on the wire.
    private byte[] honestHelloNonce;
    private byte[] replyReceiverNonce;
    private byte[] replySenderNonce;
    private long largestPnBySender = -1;
    private long largestPnByReceiver = -1;
    private long lastInjectedToSender = -1;
    private long lastInjectedToReceiver = -1;
    final Map<InetSocketAddress, Long> bytesToSender = new HashMap<>();
    final Map<InetSocketAddress, Long> bytesFromSender = new HashMap<>();
    final List<String> amplificationViolations = new ArrayList<>();
    /**
     * A CLOSE(done) from the receiver's side reached the sender: from the honest receiver, or
     * injected (whoever can build a packet of the transfer speaks for the receiver; with packet
     * protection only the holder of the ticket's keys can).
     */
    boolean doneReachedSender;
    private boolean doneInDatagramBeingHandled;
    /** Set when the sender completed successfully: whether a DONE had reached it by then (or was being handled). */
    Boolean doneHadReachedSenderAtCompletion;
    SimulatedNetwork.RunResult lastRun;
    /** Sees every datagram event after the harness (for capturing seeds); null for none. */
    SimulatedNetwork.TraceListener observer;

    static {
        for (int i = 0; i < TOKEN.length; i++) TOKEN[i] = (byte) (0xA0 + i);
    }

    EndpointFuzzHarness() {
        try {
            ensureFiles();
            TransferConfig config = TransferConfig.defaults().withIdleTimeout(Duration.ofSeconds(5));
            // Seeded: the packet numbers a sender skips (RFC 9000 §21.4) replay with the input.
            sender = new Counting(new TransferEndpoint(config, net.clock(), new Random(11)), this::beforeSenderGets,
                    this::afterSenderGot);
            receiver = new Counting(new TransferEndpoint(config, net.clock(), new Random(12)), null, null);
            net.attach(senderAddress, sender);
            net.attach(receiverAddress, receiver);
            NetemSpec path = NetemSpec.parse("delay=5ms");
            net.connect(senderAddress, receiverAddress, path, path);
            net.trace(this::onTrace);
            sourceChannel = FileChannel.open(source, StandardOpenOption.READ);
            targetChannel = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            TransferTicket ticket = new TransferTicket(TRANSFER_ID, TOKEN);
            sendHandle = sender.endpoint.send(sourceChannel, ByteRanges.whole(FILE_BYTES), ticket, null, null);
            receiveHandle = receiver.endpoint.receive(targetChannel, ByteRanges.whole(FILE_BYTES), senderAddress, ticket,
                    null);
            // Runs on the endpoint's (this) thread at the moment the sender completes.
            sendHandle.completion().thenRun(
                    () -> doneHadReachedSenderAtCompletion = doneReachedSender || doneInDatagramBeingHandled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void ensureFiles() throws IOException {
        if (source != null) return;
        Path dir = Files.createTempDirectory("endpoint-fuzz");
        dir.toFile().deleteOnExit();
        source = dir.resolve("source.bin");
        target = dir.resolve("target.bin");
        byte[] data = new byte[FILE_BYTES];
        new Random(42).nextBytes(data);
        Files.write(source, data);
        Files.write(target, new byte[0]);
        source.toFile().deleteOnExit();
        target.toFile().deleteOnExit();
    }

    /**
     * Feeds the input, then lets the download run to its end. {@code forcedDirection}: -1 as the
     * input says, 0 everything to the sender, 1 everything to the receiver.
     */
    void run(byte[] input, int forcedDirection) {
        try {
            int at = 0;
            int records = 0;
            while (at + 4 <= input.length && records++ < MAX_RECORDS) {
                int control = input[at] & 0xff;
                long delayNanos = (input[at + 1] & 0xff) * 1_000_000L;
                int length = Math.min(((input[at + 2] & 0xff) << 8) | (input[at + 3] & 0xff), input.length - at - 4);
                byte[] frames = Arrays.copyOfRange(input, at + 4, at + 4 + length);
                at += 4 + length;
                lastRun = net.run(delayNanos, MAX_STEPS);
                if (lastRun.outcome() == SimulatedNetwork.Outcome.STEP_LIMIT) return;
                int direction = forcedDirection >= 0 ? forcedDirection : control & 1;
                inject(direction == 0, (control & 2) != 0, (control & 4) != 0, control >>> 4, frames);
            }
            lastRun = net.run(AFTER_INPUT_NANOS, MAX_STEPS);
        } finally {
            close();
        }
    }

    private void inject(boolean toSender, boolean fromAttacker, boolean fixUp, int pnAhead, byte[] frames) {
        if (frames.length == 0 || frames.length > FuzzPackets.MAX_FRAMES_BYTES) return;
        if (fixUp) fixUpHandshake(frames);
        InetSocketAddress from = fromAttacker ? attackerAddress : toSender ? receiverAddress : senderAddress;
        // Never below what the honest side has used, never a number injected before (a duplicate is
        // dropped before its frames are read), plus what the input asks for.
        long pn = Math.max(toSender ? largestPnByReceiver : largestPnBySender,
                toSender ? lastInjectedToSender : lastInjectedToReceiver) + 1 + pnAhead;
        if (toSender) lastInjectedToSender = pn;
        else lastInjectedToReceiver = pn;
        Side author = toSender ? Side.RECEIVER : Side.SENDER;
        int first = frames[0] & 0xff;
        boolean handshake = first == Packet.HELLO || first == Packet.HELLO_REPLY || trafficKeys[author.ordinal()] == null;
        PacketProtection keys = handshake ? handshakeKeys[author.ordinal()] : trafficKeys[author.ordinal()];
        ByteBuffer datagram = FuzzPackets.protect(keys, TRANSFER_ID, pn, 4, toSender, frames, 0, frames.length);
        if (datagram == null) return; // cannot happen: injected numbers only grow
        (toSender ? sender : receiver).onDatagram(datagram, from, net.nowNanos());
    }

    /** Every datagram the sender is handed (from the network or injected), before it handles it. */
    private void beforeSenderGets(ByteBuffer datagram, InetSocketAddress from) {
        bytesToSender.merge(from, (long) datagram.remaining(), Long::sum);
        doneInDatagramBeingHandled = carriesDone(datagram);
    }

    /** ... and after. */
    private void afterSenderGot(ByteBuffer datagram, InetSocketAddress from, boolean dropped) {
        if (!dropped && doneInDatagramBeingHandled) doneReachedSender = true;
        doneInDatagramBeingHandled = false;
    }

    /**
     * Patches handshake frames in place with the nonces seen on the wire (control bit 2). Their
     * MAC needs no patching: {@link #inject} seals the packet with the token's handshake key.
     */
    private void fixUpHandshake(byte[] frames) {
        PacketReader r = new PacketReader();
        ByteBuffer datagram = FuzzPackets.protect(handshakeKeys[Side.RECEIVER.ordinal()], TRANSFER_ID, 0, 1, true,
                frames, 0, frames.length);
        if (r.open(datagram) != PacketReader.OK || !r.unprotect(handshakeKeys[Side.SENDER.ordinal()], 0)) return;
        int headerBytes = datagram.position();
        while (true) {
            int frameStart = datagram.position() - headerBytes; // index in frames of the type byte
            int type = r.nextFrame();
            if (type == PacketReader.END || type == PacketReader.MALFORMED) return;
            if (type == Packet.HELLO && honestHelloNonce != null) {
                System.arraycopy(honestHelloNonce, 0, frames, frameStart + 1, Packet.NONCE_BYTES);
            } else if (type == Packet.HELLO_REPLY && replySenderNonce != null) {
                System.arraycopy(replyReceiverNonce, 0, frames, frameStart + 1, Packet.NONCE_BYTES);
                System.arraycopy(replySenderNonce, 0, frames, frameStart + 1 + Packet.NONCE_BYTES, Packet.NONCE_BYTES);
            } else if (type == Packet.HELLO_DONE && replySenderNonce != null) {
                System.arraycopy(replySenderNonce, 0, frames, frameStart + 1, Packet.NONCE_BYTES);
            }
        }
    }

    private void onTrace(long nowNanos, SimulatedNetwork.Event event, String link, InetSocketAddress from,
            InetSocketAddress to, ByteBuffer datagram) {
        boolean bySender = from.equals(senderAddress);
        if (event == SimulatedNetwork.Event.SENT || event == SimulatedNetwork.Event.UNROUTABLE) {
            PacketReader r = open(datagram, bySender ? Side.SENDER : Side.RECEIVER);
            if (bySender) {
                long sent = bytesFromSender.merge(to, (long) datagram.remaining(), Long::sum);
                long received = bytesToSender.getOrDefault(to, 0L);
                SenderTransfer s = (SenderTransfer) sendHandle;
                boolean validated = s.addressValidated() && to.equals(s.peer());
                // RFC 9000 §8.1: at most three times what came from an address it has not validated.
                if (!validated && sent > 3 * received) {
                    amplificationViolations.add("at " + nowNanos + " ns the sender had sent " + sent + " bytes to "
                            + to + " but received only " + received + " from it, which never proved its address");
                }
                for (int t = r == null ? PacketReader.END : r.nextFrame(); t >= 0; t = r.nextFrame()) {
                    if (t == Packet.HELLO_REPLY) learnReply(r.nonce(), r.senderNonce());
                }
            } else if (r != null && honestHelloNonce == null) {
                for (int t = r.nextFrame(); t >= 0; t = r.nextFrame()) {
                    if (t == Packet.HELLO) honestHelloNonce = r.nonce().clone();
                }
            }
        }
        if (observer != null) observer.on(nowNanos, event, link, from, to, datagram);
    }

    /** The sender answered a HELLO: both ends now use the traffic keys of these nonces. */
    private void learnReply(byte[] receiverNonce, byte[] senderNonce) {
        if (Arrays.equals(receiverNonce, replyReceiverNonce) && Arrays.equals(senderNonce, replySenderNonce)) return;
        replyReceiverNonce = receiverNonce.clone();
        replySenderNonce = senderNonce.clone();
        for (Side side : Side.values()) {
            trafficKeys[side.ordinal()] = KeySchedule.trafficProtection(TOKEN, TRANSFER_ID, replyReceiverNonce,
                    replySenderNonce, side);
        }
    }

    /**
     * Opens a copy of a datagram of this transfer written by {@code author} with the keys its
     * reader uses, keeping track of the author's largest packet number; a reader on its frames, or
     * null if it does not open (not of this transfer, or forged).
     */
    private PacketReader open(ByteBuffer datagram, Side author) {
        ByteBuffer copy = ByteBuffer.allocate(datagram.remaining()).put(datagram.duplicate()).flip();
        PacketReader r = new PacketReader();
        if (r.open(copy) != PacketReader.OK || r.transferId() != TRANSFER_ID
                || r.fromReceiver() != (author == Side.RECEIVER)) return null;
        boolean byReceiver = author == Side.RECEIVER;
        long largest = byReceiver ? largestPnByReceiver : largestPnBySender;
        long pn = PacketNumbers.decode(largest, r.truncatedPn(), 8 * r.pnLength());
        PacketProtection opener = r.handshake() ? handshakeKeys[author.peer().ordinal()] : trafficKeys[author.peer().ordinal()];
        if (opener == null || !r.unprotect(opener, pn)) return null;
        if (byReceiver) largestPnByReceiver = Math.max(largestPnByReceiver, pn);
        else largestPnBySender = Math.max(largestPnBySender, pn);
        return r;
    }

    /** The plaintext frames of a datagram this run's {@code author} sent, or null (for capturing seeds). */
    byte[] framesOf(ByteBuffer datagram, Side author) {
        ByteBuffer copy = ByteBuffer.allocate(datagram.remaining()).put(datagram.duplicate()).flip();
        PacketReader r = new PacketReader();
        if (r.open(copy) != PacketReader.OK) return null;
        long pn = PacketNumbers.decode(author == Side.RECEIVER ? largestPnByReceiver : largestPnBySender,
                r.truncatedPn(), 8 * r.pnLength());
        PacketProtection opener = r.handshake() ? handshakeKeys[author.peer().ordinal()] : trafficKeys[author.peer().ordinal()];
        return opener == null ? null : FuzzPackets.framesOf(datagram, opener, pn);
    }

    /** Whether a datagram to the sender carries CLOSE(done) that the sender can open. */
    private boolean carriesDone(ByteBuffer datagram) {
        ByteBuffer copy = ByteBuffer.allocate(datagram.remaining()).put(datagram.duplicate()).flip();
        PacketReader r = new PacketReader();
        if (r.open(copy) != PacketReader.OK || r.transferId() != TRANSFER_ID || !r.fromReceiver()) return false;
        long pn = PacketNumbers.decode(Math.max(largestPnByReceiver, lastInjectedToSender), r.truncatedPn(), 8 * r.pnLength());
        PacketProtection opener = r.handshake() ? handshakeKeys[Side.SENDER.ordinal()] : trafficKeys[Side.SENDER.ordinal()];
        if (opener == null || !r.unprotect(opener, pn)) return false;
        for (int t = r.nextFrame(); t != PacketReader.END && t != PacketReader.MALFORMED; t = r.nextFrame()) {
            if (t == Packet.CLOSE && r.closeCode() == CloseCode.DONE) return true;
        }
        return false;
    }

    private void close() {
        try {
            sourceChannel.close();
            targetChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The most polls (or datagrams sent) any endpoint had in one virtual second. */
    long maxWakeupsPerSecond() {
        return Math.max(sender.maxPollsPerSecond(), receiver.maxPollsPerSecond());
    }

    long maxDatagramsPerSecond() {
        return Math.max(sender.maxSentPerSecond(), receiver.maxSentPerSecond());
    }

    String describe() {
        return "run=" + lastRun + " sender " + sender.endpoint.counters() + " / receiver " + receiver.endpoint.counters()
                + " sendDone=" + sendHandle.completion() + " receiveDone=" + receiveHandle.completion()
                + " toSender=" + bytesToSender + " fromSender=" + bytesFromSender;
    }

    /** An endpoint that counts its polls and the datagrams it sends, per virtual second. */
    interface BeforeDatagram {
        void on(ByteBuffer datagram, InetSocketAddress from);
    }

    interface AfterDatagram {
        void on(ByteBuffer datagram, InetSocketAddress from, boolean dropped);
    }

    static final class Counting implements DatagramEndpoint {
        final TransferEndpoint endpoint;
        private final Map<Long, long[]> perSecond = new HashMap<>();
        private final BeforeDatagram before;
        private final AfterDatagram after;

        Counting(TransferEndpoint endpoint, BeforeDatagram before, AfterDatagram after) {
            this.endpoint = endpoint;
            this.before = before;
            this.after = after;
        }

        @Override
        public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {
            ByteBuffer copy = before == null ? null : ByteBuffer.allocate(datagram.remaining()).put(datagram.duplicate()).flip();
            if (before != null) before.on(copy, from);
            long droppedBefore = endpoint.counters().droppedTotal();
            endpoint.onDatagram(datagram, from, nowNanos);
            if (after != null) after.on(copy, from, endpoint.counters().droppedTotal() != droppedBefore);
        }

        @Override
        public long poll(long nowNanos, DatagramSender out) {
            long[] counts = perSecond.computeIfAbsent(Math.floorDiv(nowNanos, 1_000_000_000L), k -> new long[2]);
            counts[0]++;
            return endpoint.poll(nowNanos, (d, to) -> {
                counts[1]++;
                return out.send(d, to);
            });
        }

        long maxPollsPerSecond() {
            return perSecond.values().stream().mapToLong(c -> c[0]).max().orElse(0);
        }

        long maxSentPerSecond() {
            return perSecond.values().stream().mapToLong(c -> c[1]).max().orElse(0);
        }
    }
}
