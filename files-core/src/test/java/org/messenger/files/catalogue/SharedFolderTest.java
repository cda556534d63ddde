package org.messenger.files.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedFolderTest {
    @TempDir
    Path temp;

    @Test
    void createsTheFolderWithASampleFileOnFirstRun() throws Exception {
        SharedFolder.Prepared prepared = SharedFolder.prepare(temp.resolve("shared"));

        assertThat(prepared.created()).isTrue();
        assertThat(Files.readString(temp.resolve("shared/README.txt"))).contains("./messenger get README.txt");
        assertThat(new FileCatalogue(prepared.folder()).list()).extracting(SharedFile::name).containsExactly("README.txt");
    }

    @Test
    void leavesAnExistingFolderAsItIsEvenWhenEmpty() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("mine"));

        SharedFolder.Prepared prepared = SharedFolder.prepare(folder);

        assertThat(prepared.created()).isFalse();
        try (var entries = Files.list(folder)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void refusesAFileWhereTheFolderShouldBe() throws IOException {
        Path file = Files.writeString(temp.resolve("shared"), "oops");
        assertThatThrownBy(() -> SharedFolder.prepare(file)).hasMessageContaining("is not a folder");
    }
}
