package org.messenger.files.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionMessageTest {
    @Test
    void usesTheOriginalProductsWordsWithAPrintableLastByte() {
        assertThat(CompletionMessage.format("alice", "notes.txt", 'A'))
                .isEqualTo("User alice downloaded 100% out of file notes.txt. Last byte is: 65 ('A')");
    }

    @Test
    void showsOnlyTheNumberForAnUnprintableLastByte() {
        assertThat(CompletionMessage.format("bob", "notes.txt", '\n'))
                .isEqualTo("User bob downloaded 100% out of file notes.txt. Last byte is: 10");
        assertThat(CompletionMessage.describeByte(255)).isEqualTo("255");
        assertThat(CompletionMessage.describeByte(0x7f)).isEqualTo("127");
        assertThat(CompletionMessage.describeByte(' ')).isEqualTo("32 (' ')");
    }

    @Test
    void saysSoWhenTheFileIsEmpty() {
        assertThat(CompletionMessage.format("bob", "empty", -1))
                .isEqualTo("User bob downloaded 100% out of file empty. Last byte is: none (empty file)");
    }

    @Test
    void readsTheLastByteOfARealFile(@TempDir Path temp) throws Exception {
        Path file = Files.write(temp.resolve("f"), new byte[] {1, 2, (byte) 200});
        Path empty = Files.write(temp.resolve("e"), new byte[0]);
        try (FileChannel channel = FileChannel.open(file); FileChannel none = FileChannel.open(empty)) {
            assertThat(CompletionMessage.lastByteOf(channel)).isEqualTo(200);
            assertThat(CompletionMessage.lastByteOf(none)).isEqualTo(-1);
        }
    }
}
