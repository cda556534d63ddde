package org.messenger.files.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileCommandTest {
    @Test
    void parsesEachCommandWhateverItsCase() throws Exception {
        assertThat(FileCommand.parse("files", List.of())).isEqualTo(new FileCommand.ListFiles());
        assertThat(FileCommand.parse("DOWNLOADS", List.of())).isEqualTo(new FileCommand.ListDownloads());
        assertThat(FileCommand.parse("Pause", List.of("3"))).isEqualTo(new FileCommand.Pause(3));
        assertThat(FileCommand.parse("RESUME", List.of("3"))).isEqualTo(new FileCommand.Resume(3));
        assertThat(FileCommand.parse("CANCEL", List.of("#3"))).isEqualTo(new FileCommand.Cancel(3));
    }

    @Test
    void acceptsTheOriginalProductsProceedForResume() throws Exception {
        assertThat(FileCommand.parse("PROCEED", List.of("7"))).isEqualTo(new FileCommand.Resume(7));
    }

    @Test
    void parsesGetWithAnEncodedNameAndRanges() throws Exception {
        FileCommand get = FileCommand.parse("GET", List.of("my%20file.txt", "0-100,200-"));
        assertThat(get).isEqualTo(new FileCommand.Get("my file.txt", Optional.of(RangeRequest.parse("0-100,200-"))));
    }

    @Test
    void sendsWhatItParses() throws Exception {
        FileCommand get = new FileCommand.Get("a b:c.txt", Optional.of(RangeRequest.parse("10-20")));
        List<String> line = get.toParams();
        assertThat(line).containsExactly("GET", "a%20b%3Ac.txt", "10-20");
        assertThat(FileCommand.parse(line.get(0), line.subList(1, line.size()))).isEqualTo(get);
    }

    @Test
    void getWithoutANameAnswersNeedMoreParams() {
        assertRejectedWith(() -> FileCommand.parse("GET", List.of()),
                new FileReply.NeedMoreParams("GET", "GET needs a file name: GET <name> [<ranges>]"));
    }

    @Test
    void badRangesAnswerWithTheRangesNumeric() {
        assertRejectedWith(() -> FileCommand.parse("GET", List.of("f", "ten-twenty")),
                new FileReply.BadRanges("ten-twenty", "'ten-twenty' is not a byte range; START and END are whole numbers of bytes."));
    }

    @Test
    void aNonNumericIdAnswersNoSuchDownload() {
        assertRejectedWith(() -> FileCommand.parse("PAUSE", List.of("abc")),
                new FileReply.NoSuchDownload("abc", "'abc' is not a download id; DOWNLOADS lists yours."));
        assertRejectedWith(() -> FileCommand.parse("CANCEL", List.of("0")),
                new FileReply.NoSuchDownload("0", "'0' is not a download id; DOWNLOADS lists yours."));
    }

    @Test
    void aMissingIdAnswersNeedMoreParams() {
        assertRejectedWith(() -> FileCommand.parse("CANCEL", List.of()),
                new FileReply.NeedMoreParams("CANCEL", "CANCEL needs a download id: CANCEL <id> (DOWNLOADS lists them)"));
    }

    private interface Parse {
        FileCommand run() throws FileCommandException;
    }

    private static void assertRejectedWith(Parse parse, FileReply expected) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(FileCommandException.class,
                e -> assertThat(e.reply()).isEqualTo(expected));
    }
}
