package org.messenger.files.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.messenger.files.catalogue.FileName;
import org.messenger.files.catalogue.FileRefusedException;
import org.messenger.files.catalogue.Sha256;
import org.messenger.files.download.CompletionMessage;
import org.messenger.files.download.DownloadState;
import org.messenger.files.progress.ByteUnits;
import org.messenger.irc.codec.Numeric;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferTicket;

/**
 * The server's answers to the file commands, as IRC numerics in the 780-797 block (docs/files.md
 * has the table). Each is {@code :server NNN <nick> <fields...> :<text>}: the middle parameters
 * are for programs, the trailing text is for people, so an irssi user reading {@code /quote FILES}
 * output understands it and {@link #parse} needs nothing from the text (except where the text is
 * the whole point: error messages and the completion line).
 *
 * <p>File names in middle parameters are encoded with {@link FileNameCodec}; ranges use the
 * {@link ByteRanges} text form ({@code 0-4096,8192-16384}), with {@code 0-0} for "no bytes".
 */
public sealed interface FileReply {
    /**
     * The replies that report a failure: the 791-798 errors, 461 for missing parameters, and 790, a
     * download that failed.
     */
    Set<Numeric> ERRORS = Collections.unmodifiableSet(EnumSet.of(Numeric.RPL_DOWNLOADFAILED, Numeric.ERR_NOSUCHFILE,
            Numeric.ERR_FILEREFUSED, Numeric.ERR_NOSUCHDOWNLOAD, Numeric.ERR_BADRANGES, Numeric.ERR_NOFREEPORT,
            Numeric.ERR_DOWNLOADSTATE, Numeric.ERR_FILESUNAVAILABLE, Numeric.ERR_TOOMANYDOWNLOADS,
            Numeric.ERR_NEEDMOREPARAMS));

    Numeric numeric();

    /** Middle parameters (target first) and the trailing text last. */
    List<String> params(String target);

    /** True for the error numerics (and 790, a failed download). */
    default boolean isError() {
        return ERRORS.contains(numeric());
    }

    /** The numeric as three digits, ready for an IRC message's command field. */
    default String command() {
        return numeric().code();
    }

    // ---- listing ------------------------------------------------------------------------------

    /** {@code 780 <nick> <name> <size> <sha256> :<name> (<size>)} — one per shared file. */
    record FileEntry(String name, long sizeBytes, Sha256 sha256) implements FileReply {
        public Numeric numeric() {
            return Numeric.RPL_FILE;
        }

        public List<String> params(String target) {
            return List.of(target, FileNameCodec.encode(name), Long.toString(sizeBytes), sha256.hex(),
                    shown(name) + " (" + ByteUnits.format(sizeBytes) + ")");
        }
    }

    /** {@code 781 <nick> <count> <totalBytes> :End of FILES ...}. */
    record EndOfFiles(int count, long totalBytes) implements FileReply {
        public Numeric numeric() {
            return Numeric.RPL_ENDOFFILES;
        }

        public List<String> params(String target) {
            String text = count == 0
                    ? "End of FILES: nothing is shared yet."
                    : "End of FILES: " + count + (count == 1 ? " file, " : " files, ") + ByteUnits.format(totalBytes) + ". GET <name> downloads one.";
            return List.of(target, Integer.toString(count), Long.toString(totalBytes), text);
        }
    }

    // ---- starting a download ------------------------------------------------------------------

    /** {@code 782 <nick> <id> <ahead> <name> :Waiting for a free transfer port, 2 ahead}. */
    record GetQueued(long id, int ahead, String name) implements FileReply {
        public Numeric numeric() {
            return Numeric.RPL_GETQUEUED;
        }

        public List<String> params(String target) {
            String text = "Download " + id + " of " + shown(name) + ": waiting for a free transfer port, "
                    + (ahead == 0 ? "next in line" : ahead + " ahead");
            return List.of(target, Long.toString(id), Integer.toString(ahead), FileNameCodec.encode(name), text);
        }
    }

    /**
     * {@code 783 <nick> <id> <port> <ticket> <size> <sha256> <ranges> <name> :Download 3 of notes.txt ... ready on UDP port 55000}:
     * everything the client needs to start the UDP handshake and check the result.
     */
    record GetReady(long id, int port, TransferTicket ticket, long sizeBytes, Sha256 sha256, ByteRanges ranges, String name)
            implements FileReply {
        public GetReady {
            ranges = ranges.copy(); // ByteRanges is mutable; the reply keeps its own
        }

        /** A copy: the caller may change it. */
        @Override
        public ByteRanges ranges() {
            return ranges.copy();
        }

        public Numeric numeric() {
            return Numeric.RPL_GETREADY;
        }

        public List<String> params(String target) {
            String text = "Download " + id + " of " + shown(name) + " (" + ByteUnits.format(sizeBytes) + ") ready on UDP port " + port;
            return List.of(target, Long.toString(id), Integer.toString(port), ticket.encode(), Long.toString(sizeBytes),
                    sha256.hex(), rangesParam(ranges), FileNameCodec.encode(name), text);
        }
    }

    // ---- controlling a download ---------------------------------------------------------------

    /** {@code 784 <nick> <id> <sentBytes> <requestedBytes> :Download 3 paused at 45%}. */
    record Paused(long id, long sentBytes, long requestedBytes) implements FileReply {
        public Numeric numeric() {
            return Numeric.RPL_PAUSED;
        }

        public List<String> params(String target) {
            return List.of(target, Long.toString(id), Long.toString(sentBytes), Long.toString(requestedBytes),
                    "Download " + id + " paused at " + percent(sentBytes, requestedBytes) + "; RESUME " + id + " continues it");
        }
    }

    /** {@code 785 <nick> <id> :Download 3 continues}. */
    record Resumed(long id) implements FileReply {
        public Numeric numeric() {
            return Numeric.RPL_RESUMED;
        }

        public List<String> params(String target) {
            return List.of(target, Long.toString(id), "Download " + id + " continues");
        }
    }

    /** {@code 786 <nick> <id> :Download 3 cancelled}. */
    record Cancelled(long id) implements FileReply {
        public Numeric numeric() {
            return Numeric.RPL_CANCELLED;
        }

        public List<String> params(String target) {
            return List.of(target, Long.toString(id), "Download " + id + " cancelled");
        }
    }

    /** {@code 787 <nick> <id> <state> <sentBytes> <requestedBytes> <size> <port> <name> :#3 notes.txt: transferring, 45% ...}. */
    record DownloadEntry(long id, DownloadState state, long sentBytes, long requestedBytes, long sizeBytes, int port, String name)
            implements FileReply {
        public Numeric numeric() {
            return Numeric.RPL_DOWNLOAD;
        }

        public List<String> params(String target) {
            String text = "#" + id + " " + shown(name) + ": " + state.word() + ", " + percent(sentBytes, requestedBytes)
                    + " of " + ByteUnits.format(requestedBytes) + (port == 0 ? "" : ", UDP port " + port);
            return List.of(target, Long.toString(id), state.word(), Long.toString(sentBytes), Long.toString(requestedBytes),
                    Long.toString(sizeBytes), Integer.toString(port), FileNameCodec.encode(name), text);
        }
    }

    /** {@code 788 <nick> <count> :End of DOWNLOADS}. */
    record EndOfDownloads(int count) implements FileReply {
        public Numeric numeric() {
            return Numeric.RPL_ENDOFDOWNLOADS;
        }

        public List<String> params(String target) {
            return List.of(target, Integer.toString(count),
                    count == 0 ? "End of DOWNLOADS: you have none." : "End of DOWNLOADS (" + count + ")");
        }
    }

    // ---- end of a download --------------------------------------------------------------------

    /**
     * {@code 789 <nick> <id> <lastByte> <size> <name> :User alice downloaded 100% out of file notes.txt. Last byte is: 10};
     * {@code lastByte} is -1 for an empty file.
     */
    record DownloadDone(long id, int lastByte, long sizeBytes, String name) implements FileReply {
        public Numeric numeric() {
            return Numeric.RPL_DOWNLOADDONE;
        }

        public List<String> params(String target) {
            return List.of(target, Long.toString(id), Integer.toString(lastByte), Long.toString(sizeBytes),
                    FileNameCodec.encode(name), CompletionMessage.format(target, shown(name), lastByte));
        }
    }

    /** {@code 790 <nick> <id> <name> :<why>}: the server gave the download up. */
    record DownloadFailed(long id, String name, String message) implements FileReply {
        public Numeric numeric() {
            return Numeric.RPL_DOWNLOADFAILED;
        }

        public List<String> params(String target) {
            return List.of(target, Long.toString(id), FileNameCodec.encode(name), message);
        }
    }

    // ---- errors -------------------------------------------------------------------------------

    /** {@code 791 <nick> <name> :No file named 'x' in the shared folder. FILES lists what is shared.} */
    record NoSuchFile(String name, String message) implements FileReply {
        public Numeric numeric() {
            return Numeric.ERR_NOSUCHFILE;
        }

        public List<String> params(String target) {
            return List.of(target, nameParam(name), message);
        }
    }

    /** {@code 792 <nick> <name> <reason> :<why>}; reason is e.g. {@code outside-folder}, {@code hidden}. */
    record FileRefused(String name, FileRefusedException.Reason reason, String message) implements FileReply {
        public Numeric numeric() {
            return Numeric.ERR_FILEREFUSED;
        }

        public List<String> params(String target) {
            return List.of(target, nameParam(name), word(reason), message);
        }
    }

    /** {@code 793 <nick> <id> :No download 7 of yours; DOWNLOADS lists them.} */
    record NoSuchDownload(String id, String message) implements FileReply {
        public Numeric numeric() {
            return Numeric.ERR_NOSUCHDOWNLOAD;
        }

        public List<String> params(String target) {
            return List.of(target, nameParam(id), message);
        }
    }

    /** {@code 794 <nick> <ranges> :<why>}. */
    record BadRanges(String ranges, String message) implements FileReply {
        public Numeric numeric() {
            return Numeric.ERR_BADRANGES;
        }

        public List<String> params(String target) {
            return List.of(target, nameParam(ranges), message);
        }
    }

    /** {@code 795 <nick> <id> <waitedSeconds> :No transfer port became free within 60 s; try again later.} */
    record NoFreePort(long id, long waitedSeconds) implements FileReply {
        public Numeric numeric() {
            return Numeric.ERR_NOFREEPORT;
        }

        public List<String> params(String target) {
            return List.of(target, Long.toString(id), Long.toString(waitedSeconds),
                    "Download " + id + ": no transfer port became free within " + waitedSeconds + " s; try again later.");
        }
    }

    /** {@code 796 <nick> <id> <state> :Download 3 is already paused; RESUME 3 continues it.} */
    record BadDownloadState(long id, DownloadState state, String message) implements FileReply {
        public Numeric numeric() {
            return Numeric.ERR_DOWNLOADSTATE;
        }

        public List<String> params(String target) {
            return List.of(target, Long.toString(id), state.word(), message);
        }
    }

    /** {@code 797 <nick> :<why>}: file sharing is off, or the shared folder cannot be read. */
    record FilesUnavailable(String message) implements FileReply {
        public Numeric numeric() {
            return Numeric.ERR_FILESUNAVAILABLE;
        }

        public List<String> params(String target) {
            return List.of(target, message);
        }
    }

    /**
     * {@code 798 <nick> <name> <limit> :You already have 4 downloads looked up, waiting or running ...}:
     * the GET of {@code name} is refused because the client is at the server's per-client limit.
     */
    record TooManyDownloads(String name, int limit) implements FileReply {
        public Numeric numeric() {
            return Numeric.ERR_TOOMANYDOWNLOADS;
        }

        public List<String> params(String target) {
            return List.of(target, nameParam(name), Integer.toString(limit), "Not downloading " + shown(name) + ": you already have "
                    + limit + (limit == 1 ? " download" : " downloads") + " waiting or running, the most this server allows at once."
                    + " Wait for one to finish, or CANCEL one (DOWNLOADS lists them).");
        }
    }

    /** {@code 461 <nick> <command> :<usage>} (RFC 2812 ERR_NEEDMOREPARAMS). */
    record NeedMoreParams(String verb, String message) implements FileReply {
        public Numeric numeric() {
            return Numeric.ERR_NEEDMOREPARAMS;
        }

        public List<String> params(String target) {
            return List.of(target, verb, message);
        }
    }

    /**
     * Reads a numeric the server sent (params include the target nick first). Empty when the
     * numeric is not one of ours; 461 is ours only when it names a file command.
     *
     * @throws IllegalArgumentException when the parameters do not fit the numeric
     */
    static Optional<FileReply> parse(Numeric numeric, List<String> params) {
        return FileReplyParser.parse(numeric, params);
    }

    /** A name inside readable text: control characters escaped, so no name can break the IRC line. */
    private static String shown(String name) {
        return FileName.printable(name);
    }

    private static String rangesParam(ByteRanges ranges) {
        return ranges.isEmpty() ? "0-0" : ranges.toString();
    }

    /** Error echoes may hold anything the client sent; an empty or odd value must still be one parameter. */
    private static String nameParam(String text) {
        return text.isEmpty() ? "*" : FileNameCodec.encode(text);
    }

    private static String word(FileRefusedException.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String percent(long part, long whole) {
        return (whole == 0 ? 100 : part * 100 / whole) + "%";
    }
}
