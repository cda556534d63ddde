package org.messenger.files.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.messenger.files.catalogue.FileRefusedException;
import org.messenger.files.catalogue.Sha256;
import org.messenger.files.download.DownloadState;
import org.messenger.irc.codec.Numeric;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferTicket;

class FileReplyProperties {
    private static final Sha256 SHA = new Sha256("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    private static final TransferTicket TICKET = TransferTicket.decode("0123456789abcdef:" + "00112233445566778899aabbccddeeff".repeat(2));

    @Property(tries = 300, edgeCases = EdgeCasesMode.FIRST)
    void aClientReadsBackExactlyWhatTheServerSent(@ForAll("replies") FileReply reply) {
        List<String> params = reply.params("alice");
        assertThat(FileReply.parse(reply.numeric(), params)).contains(reply);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.FIRST)
    void everyReplyIsAValidIrcLineAddressedToItsTarget(@ForAll("replies") FileReply reply) {
        List<String> params = reply.params("alice");
        assertThat(params.get(0)).isEqualTo("alice");
        IrcParams.assertSendable(params);
        assertThat(reply.command()).hasSize(3);
    }

    @Example
    void theGetReplyCarriesPortTokenSizeAndSha256() {
        FileReply ready = new FileReply.GetReady(3, 55000, TICKET, 6, SHA, ByteRanges.whole(6), "hello.txt");
        assertThat(ready.command()).isEqualTo("783");
        assertThat(ready.params("alice")).containsExactly("alice", "3", "55000", TICKET.encode(), "6", SHA.hex(), "0-6", "hello.txt",
                "Download 3 of hello.txt (6 B) ready on UDP port 55000");
    }

    @Example
    void theCompletionReplyReadsAsTheOriginalProductsSentence() {
        FileReply done = new FileReply.DownloadDone(3, 10, 6, "hello.txt");
        assertThat(done.params("alice")).last()
                .isEqualTo("User alice downloaded 100% out of file hello.txt. Last byte is: 10");
    }

    @Example
    void theQueueReplySaysHowManyAreAhead() {
        assertThat(new FileReply.GetQueued(4, 2, "big.iso").params("bob")).last()
                .isEqualTo("Download 4 of big.iso: waiting for a free transfer port, 2 ahead");
    }

    @Example
    void aListingIsReadableInAPlainIrcClient() {
        assertThat(new FileReply.FileEntry("my song.ogg", 3_300_000, SHA).params("bob"))
                .containsExactly("bob", "my%20song.ogg", "3300000", SHA.hex(), "my song.ogg (3.15 MiB)");
        assertThat(new FileReply.EndOfFiles(2, 3_300_006).params("bob")).last()
                .isEqualTo("End of FILES: 2 files, 3.15 MiB. GET <name> downloads one.");
    }

    @Example
    void ignoresNumericsThatAreNotOurs() {
        assertThat(FileReply.parse(Numeric.RPL_WELCOME, List.of("alice", "Welcome"))).isEmpty();
        assertThat(FileReply.parse(Numeric.ERR_NEEDMOREPARAMS, List.of("alice", "JOIN", "Not enough parameters"))).isEmpty();
    }

    @Provide
    Arbitrary<FileReply> replies() {
        Arbitrary<Long> id = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<Long> bytes = Arbitraries.longs().between(0, 1L << 40);
        Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
        Arbitrary<String> name = FileNameCodecProperties.names();
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(0).ofMaxLength(40);
        Arbitrary<ByteRanges> ranges = Arbitraries.longs().between(0, 1000).list().ofMaxSize(6).map(points -> {
            ByteRanges set = new ByteRanges();
            for (int i = 0; i + 1 < points.size(); i += 2) {
                set.add(Math.min(points.get(i), points.get(i + 1)), Math.max(points.get(i), points.get(i + 1)));
            }
            return set;
        });
        Arbitrary<DownloadState> state = Arbitraries.of(DownloadState.class);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(name, bytes).as((n, b) -> new FileReply.FileEntry(n, b, SHA)),
                Combinators.combine(Arbitraries.integers().between(0, 10_000), bytes).as(FileReply.EndOfFiles::new),
                Combinators.combine(id, Arbitraries.integers().between(0, 100), name).as(FileReply.GetQueued::new),
                Combinators.combine(id, port, bytes, ranges, name).as((i, p, b, r, n) -> new FileReply.GetReady(i, p, TICKET, b, SHA, r, n)),
                Combinators.combine(id, bytes, bytes).as((i, a, b) -> new FileReply.Paused(i, Math.min(a, b), Math.max(a, b))),
                id.map(FileReply.Resumed::new),
                id.map(FileReply.Cancelled::new),
                Combinators.combine(id, state, bytes, port, name).as((i, s, b, p, n) -> new FileReply.DownloadEntry(i, s, b / 2, b, b, p, n)),
                Arbitraries.integers().between(0, 100).map(FileReply.EndOfDownloads::new),
                Combinators.combine(id, Arbitraries.integers().between(-1, 255), bytes, name).as(FileReply.DownloadDone::new),
                Combinators.combine(id, name, text).as(FileReply.DownloadFailed::new),
                Combinators.combine(name, text).as(FileReply.NoSuchFile::new),
                Combinators.combine(name, Arbitraries.of(FileRefusedException.Reason.class), text).as(FileReply.FileRefused::new),
                Combinators.combine(name, text).as(FileReply.NoSuchDownload::new),
                Combinators.combine(name, text).as(FileReply.BadRanges::new),
                Combinators.combine(id, Arbitraries.longs().between(0, 3600)).as(FileReply.NoFreePort::new),
                Combinators.combine(id, state, text).as(FileReply.BadDownloadState::new),
                text.map(FileReply.FilesUnavailable::new),
                Combinators.combine(name, Arbitraries.integers().between(1, 100)).as(FileReply.TooManyDownloads::new),
                Combinators.combine(Arbitraries.of("GET", "PAUSE", "RESUME", "CANCEL"), text).as(FileReply.NeedMoreParams::new)));
    }
}
