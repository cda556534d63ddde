package org.messenger.transport;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.packet.FuzzPackets;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.sim.SimulatedNetwork;

/**
 * Writes seed inputs for {@link TransferEndpointFuzzTest} from the datagrams of a real simulated
 * download (no input injected), so the fuzzer starts with packets that reach deep into the state
 * machines. Run from the transport module (docs/fuzzing.md):
 * {@code java -cp "$(cat target/fuzz-cp):target/classes:target/test-classes" org.messenger.transport.EndpointCorpusSeeds src/test/resources}.
 */
public final class EndpointCorpusSeeds {
    private record Captured(long atNanos, boolean bySender, byte[] frames, boolean handshake, long pn) {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]).resolve("org/messenger/transport/TransferEndpointFuzzTestInputs");
        List<Captured> captured = new ArrayList<>();
        EndpointFuzzHarness h = new EndpointFuzzHarness();
        h.observer = (now, event, link, from, to, datagram) -> {
            if (event == SimulatedNetwork.Event.SENT) {
                // The frames in clear (opened with the run's keys) and what they need to be sealed again.
                boolean bySender = from.equals(h.senderAddress);
                int flags = datagram.get(datagram.position() + 1) & 0xff;
                int pnLength = (flags & Packet.FLAG_PN_LEN_MASK) + 1;
                long pn = 0;
                for (int i = 0; i < pnLength; i++) {
                    pn = (pn << 8) | (datagram.get(datagram.position() + Packet.FIXED_HEADER_BYTES + i) & 0xff);
                }
                captured.add(new Captured(now, bySender, h.framesOf(datagram, bySender ? Side.SENDER : Side.RECEIVER),
                        (flags & Packet.FLAG_HANDSHAKE) != 0, pn));
            }
        };
        h.run(new byte[0], -1);
        if (!h.sendHandle.completion().isDone() || h.sendHandle.completion().isCompletedExceptionally()) {
            throw new IllegalStateException("the honest download did not complete: " + h.describe());
        }
        // To the sender: the receiver's packets again (handshake fixed up, spoofed source), as replays.
        write(root.resolve("sender/receiver-replay"), records(captured, false, 0x04, 16));
        // The same from the attacker's own address, starting with its HELLO before the honest one lands.
        write(root.resolve("sender/receiver-replay-from-attacker"), records(captured, false, 0x06, 16));
        // To the receiver: the sender's packets again (HELLO_REPLY, DATA, ACK), spoofed source.
        write(root.resolve("receiver/sender-replay"), records(captured, true, 0x05, 8));
        write(root.resolve("senderCompletesOnlyAfterTheReceiversDone/receiver-replay"), records(captured, false, 0x04, 16));
        // PacketReaderFuzzTest: whole datagrams sealed again under its fixed transfer's keys (same
        // packet number and kind), and their frames behind a flags byte (pn length 4).
        Path packets = Path.of(args[0]).resolve("org/messenger/transport/packet/PacketReaderFuzzTestInputs");
        int receiverIndex = 0;
        int senderIndex = 0;
        for (int i = 0; i < captured.size(); i++) {
            Captured c = captured.get(i);
            boolean last = i >= captured.size() - 2;
            int index = c.bySender() ? senderIndex++ : receiverIndex++;
            if (c.frames() == null || (c.bySender() && index >= 3 && !last)) continue;
            String name = (c.bySender() ? "sender-" : "receiver-") + index;
            ByteBuffer sealed = FuzzPackets.protect(FuzzPackets.fixedTransferKeys(c.bySender() ? Side.SENDER : Side.RECEIVER,
                    c.handshake()), FuzzPackets.FIXED_TRANSFER_ID, c.pn(), 4, !c.bySender(), c.frames(), 0, c.frames().length);
            byte[] datagram = new byte[sealed.remaining()];
            sealed.get(datagram);
            write(packets.resolve("datagram/" + name), datagram);
            byte[] framesInput = new byte[1 + c.frames().length];
            framesInput[0] = (byte) (3 | (c.bySender() ? 0 : 4) | (c.handshake() ? 8 : 0));
            System.arraycopy(c.frames(), 0, framesInput, 1, c.frames().length);
            write(packets.resolve("frames/" + name), framesInput);
        }
        System.out.println("seeds from " + captured.size() + " datagrams written under " + root);
    }

    /** Records of the datagrams sent by one side, with their spacing in time (ms, at most 255). */
    private static byte[] records(List<Captured> captured, boolean bySender, int control, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long previous = 0;
        int n = 0;
        for (Captured c : captured) {
            if (c.bySender() != bySender || c.frames() == null || n++ >= max) continue;
            long delayMs = Math.min(255, (c.atNanos() - previous) / 1_000_000L);
            previous = c.atNanos();
            out.write(control);
            out.write((int) delayMs);
            out.write(c.frames().length >>> 8);
            out.write(c.frames().length & 0xff);
            out.writeBytes(c.frames());
        }
        return out.toByteArray();
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private EndpointCorpusSeeds() {}
}
