package org.messenger.files.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.messenger.files.catalogue.FileRefusedException;
import org.messenger.files.catalogue.Sha256;
import org.messenger.files.download.DownloadState;
import org.messenger.irc.codec.Numeric;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferTicket;

/** The client side of {@link FileReply}: numerics back to values. */
final class FileReplyParser {
    private FileReplyParser() {
    }

    static Optional<FileReply> parse(Numeric numeric, List<String> p) {
        if (numeric == null) {
            return Optional.empty();
        }
        FileReply reply = switch (numeric) {
            case RPL_FILE -> {
                need(p, 5, numeric);
                yield new FileReply.FileEntry(name(p.get(1)), number(p.get(2)), new Sha256(p.get(3)));
            }
            case RPL_ENDOFFILES -> {
                need(p, 4, numeric);
                yield new FileReply.EndOfFiles(count(p.get(1)), number(p.get(2)));
            }
            case RPL_GETQUEUED -> {
                need(p, 5, numeric);
                yield new FileReply.GetQueued(number(p.get(1)), count(p.get(2)), name(p.get(3)));
            }
            case RPL_GETREADY -> {
                need(p, 9, numeric);
                yield new FileReply.GetReady(number(p.get(1)), port(p.get(2)), TransferTicket.decode(p.get(3)),
                        number(p.get(4)), new Sha256(p.get(5)), ByteRanges.parse(p.get(6)), name(p.get(7)));
            }
            case RPL_PAUSED -> {
                need(p, 5, numeric);
                yield new FileReply.Paused(number(p.get(1)), number(p.get(2)), number(p.get(3)));
            }
            case RPL_RESUMED -> {
                need(p, 3, numeric);
                yield new FileReply.Resumed(number(p.get(1)));
            }
            case RPL_CANCELLED -> {
                need(p, 3, numeric);
                yield new FileReply.Cancelled(number(p.get(1)));
            }
            case RPL_DOWNLOAD -> {
                need(p, 9, numeric);
                yield new FileReply.DownloadEntry(number(p.get(1)), DownloadState.fromWord(p.get(2)), number(p.get(3)),
                        number(p.get(4)), number(p.get(5)), port(p.get(6)), name(p.get(7)));
            }
            case RPL_ENDOFDOWNLOADS -> {
                need(p, 3, numeric);
                yield new FileReply.EndOfDownloads(count(p.get(1)));
            }
            case RPL_DOWNLOADDONE -> {
                need(p, 6, numeric);
                yield new FileReply.DownloadDone(number(p.get(1)), Integer.parseInt(p.get(2)), number(p.get(3)), name(p.get(4)));
            }
            case RPL_DOWNLOADFAILED -> {
                need(p, 4, numeric);
                yield new FileReply.DownloadFailed(number(p.get(1)), name(p.get(2)), p.get(3));
            }
            case ERR_NOSUCHFILE -> {
                need(p, 3, numeric);
                yield new FileReply.NoSuchFile(echo(p.get(1)), p.get(2));
            }
            case ERR_FILEREFUSED -> {
                need(p, 4, numeric);
                yield new FileReply.FileRefused(echo(p.get(1)),
                        FileRefusedException.Reason.valueOf(p.get(2).toUpperCase(Locale.ROOT).replace('-', '_')), p.get(3));
            }
            case ERR_NOSUCHDOWNLOAD -> {
                need(p, 3, numeric);
                yield new FileReply.NoSuchDownload(echo(p.get(1)), p.get(2));
            }
            case ERR_BADRANGES -> {
                need(p, 3, numeric);
                yield new FileReply.BadRanges(echo(p.get(1)), p.get(2));
            }
            case ERR_NOFREEPORT -> {
                need(p, 4, numeric);
                yield new FileReply.NoFreePort(number(p.get(1)), number(p.get(2)));
            }
            case ERR_DOWNLOADSTATE -> {
                need(p, 4, numeric);
                yield new FileReply.BadDownloadState(number(p.get(1)), DownloadState.fromWord(p.get(2)), p.get(3));
            }
            case ERR_FILESUNAVAILABLE -> {
                need(p, 2, numeric);
                yield new FileReply.FilesUnavailable(p.get(1));
            }
            case ERR_TOOMANYDOWNLOADS -> {
                need(p, 4, numeric);
                yield new FileReply.TooManyDownloads(echo(p.get(1)), count(p.get(2)));
            }
            case ERR_NEEDMOREPARAMS -> {
                if (p.size() < 3 || !FileCommand.VERBS.contains(p.get(1).toUpperCase(Locale.ROOT))) {
                    yield null;
                }
                yield new FileReply.NeedMoreParams(p.get(1), p.get(2));
            }
            default -> null;
        };
        return Optional.ofNullable(reply);
    }

    private static void need(List<String> params, int count, Numeric numeric) {
        if (params.size() != count) {
            throw new IllegalArgumentException("numeric " + numeric.code() + " needs " + count + " parameters, got " + params.size() + ": " + params);
        }
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, got '" + text + "'");
        }
    }

    /**
     * A count (files, downloads, places in a queue). Out of range is malformed like any bad
     * parameter: the client logs and skips the reply (an ArithmeticException would have escaped it).
     */
    private static int count(String text) {
        long n = number(text);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected a count from 0 to " + Integer.MAX_VALUE + ", got '" + text + "'");
        }
        return (int) n;
    }

    /** A UDP port, or 0 where the server has none to give yet. */
    private static int port(String text) {
        long n = number(text);
        if (n < 0 || n > 65_535) {
            throw new IllegalArgumentException("expected a UDP port from 0 to 65535, got '" + text + "'");
        }
        return (int) n;
    }

    private static String name(String param) {
        return FileNameCodec.decode(param);
    }

    private static String echo(String param) {
        return param.equals("*") ? "" : FileNameCodec.decode(param);
    }
}
