package org.messenger.files.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.IrcParseException;
import org.messenger.irc.codec.IrcParser;
import org.messenger.transport.ByteRanges;

/**
 * The file-transfer commands and replies as they arrive: an IRC line (the input, read as UTF-8)
 * parsed by the IRC codec, then by the files protocol, exactly as the server's FileService and the
 * client's ReplyRouter call it.
 * <ul>
 *   <li>{@link #command}: a command (FILES, GET, PAUSE, ...) gives a {@link FileCommand} or a
 *       {@link FileCommandException} carrying the reply to send, never anything else; a GET's
 *       ranges resolve against a file size or are refused with an {@link IllegalArgumentException};
 *       what parses is sent again by {@link FileCommand#toParams()} as the same command.
 *   <li>{@link #reply}: a numeric from the server gives a {@link FileReply}, nothing, or the
 *       {@link IllegalArgumentException} the client logs and skips, never anything else.
 * </ul>
 * Corpus: {@code FileCommandFuzzTestInputs/command/} and {@code .../reply/}.
 */
class FileCommandFuzzTest {
    private static final long[] FILE_SIZES = {0, 1, 4096, 1L << 40};

    @FuzzTest(maxDuration = "10s")
    void command(byte[] input) throws FileCommandException {
        IrcMessage message = ircLine(input);
        if (message == null || !FileCommand.VERBS.contains(message.verb())) return;
        FileCommand command;
        try {
            command = FileCommand.parse(message.verb(), message.params());
        } catch (FileCommandException refused) {
            assertThat(refused.reply()).as("a refusal carries the reply to send").isNotNull();
            return;
        }
        if (command instanceof FileCommand.Get get && get.ranges().isPresent()) {
            for (long size : FILE_SIZES) {
                try {
                    ByteRanges wanted = get.ranges().get().resolve(size);
                    assertThat(wanted.upperBound() <= size).as("resolved within the file").isTrue();
                } catch (IllegalArgumentException pastTheEnd) {
                    assertThat(pastTheEnd.getMessage()).isNotBlank();
                }
            }
        }
        List<String> sent = command.toParams();
        FileCommand again = FileCommand.parse(sent.get(0), sent.subList(1, sent.size()));
        assertThat(again).as("toParams() of %s", command).isEqualTo(command);
    }

    @FuzzTest(maxDuration = "10s")
    void reply(byte[] input) {
        IrcMessage message = ircLine(input);
        if (message == null) return;
        try {
            Optional<FileReply> reply = FileReply.parse(message.numeric(), message.params()); // as ReplyRouter
            assertThat(reply).isNotNull();
        } catch (IllegalArgumentException malformed) {
            assertThat(malformed.getMessage()).as("%s", message).isNotNull();
        }
    }

    private static IrcMessage ircLine(byte[] input) {
        try {
            return IrcParser.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IrcParseException notIrc) {
            return null;
        }
    }

}
