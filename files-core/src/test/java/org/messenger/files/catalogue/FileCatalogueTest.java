package org.messenger.files.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.files.catalogue.FileRefusedException.Reason;

class FileCatalogueTest {
    /** SHA-256("hello\n"), as printed by sha256sum. */
    private static final String HELLO_SHA256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    private static final String SIXTY_FOUR_MIB_SHA256 = "f4ff14aad342e7ba7900d4ba2e3bedf18bb70e3e799ba01a858b810abfeecbf0";

    @TempDir
    Path temp;
    Path shared;
    Path outside;
    FileCatalogue catalogue;

    @BeforeEach
    void setUp() throws IOException {
        shared = Files.createDirectory(temp.resolve("shared"));
        outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret\n");
        Files.writeString(shared.resolve("hello.txt"), "hello\n");
        catalogue = new FileCatalogue(shared);
    }

    @Test
    void resolvesAFileInsideTheFolder() throws Exception {
        ResolvedFile file = catalogue.resolve("hello.txt");
        assertThat(file.name()).isEqualTo("hello.txt");
        assertThat(file.sizeBytes()).isEqualTo(6);
        assertThat(file.realPath()).isEqualTo(shared.toRealPath().resolve("hello.txt"));
    }

    @Test
    void suggestsATopLevelFileThatIsReallyShared() throws Exception {
        Files.createDirectories(shared.resolve("a-folder"));
        Files.writeString(shared.resolve("a-folder/first.txt"), "deep");
        Files.writeString(shared.resolve(".hidden"), "not shared");
        Files.createSymbolicLink(shared.resolve("0-link-out"), outside.resolve("secret.txt"));

        assertThat(catalogue.exampleName()).contains("hello.txt");
    }

    @Test
    void suggestsAFileInASubfolderWhenThereIsNoOtherAndNothingWhenEmpty() throws Exception {
        Files.delete(shared.resolve("hello.txt"));
        assertThat(catalogue.exampleName()).isEmpty();

        Files.createDirectories(shared.resolve("docs"));
        Files.writeString(shared.resolve("docs/a.txt"), "a");
        assertThat(catalogue.exampleName()).contains("docs/a.txt");
    }

    @Test
    void resolvesAFileInASubfolder() throws Exception {
        Files.createDirectories(shared.resolve("docs"));
        Files.writeString(shared.resolve("docs/a.txt"), "a");
        assertThat(catalogue.resolve("docs/a.txt").sizeBytes()).isEqualTo(1);
    }

    @Test
    void describesSizeAndSha256() throws Exception {
        SharedFile file = catalogue.describe("hello.txt");
        assertThat(file.sizeBytes()).isEqualTo(6);
        assertThat(file.sha256().hex()).isEqualTo(HELLO_SHA256);
    }

    @Test
    void refusesAnUnknownNameAndSaysHowToList() {
        assertRefused("nope.txt", Reason.NOT_FOUND, "No file named 'nope.txt' in the shared folder. FILES lists what is shared.");
    }

    @Test
    void refusesTraversalWithDotDot() {
        assertRefused("../outside/secret.txt", Reason.OUTSIDE_FOLDER, "only names inside the shared folder");
    }

    @Test
    void refusesAbsolutePathEvenWhenItPointsInside() {
        assertRefused(shared.resolve("hello.txt").toAbsolutePath().toString(), Reason.OUTSIDE_FOLDER, "absolute path");
    }

    @Test
    void refusesASymlinkThatLeadsOut() throws IOException {
        Files.createSymbolicLink(shared.resolve("innocent.txt"), outside.resolve("secret.txt"));
        assertRefused("innocent.txt", Reason.OUTSIDE_FOLDER, "link that leads out of the shared folder");
    }

    @Test
    void refusesAFileReachedThroughASymlinkedFolderThatLeadsOut() throws IOException {
        Files.createSymbolicLink(shared.resolve("elsewhere"), outside);
        assertRefused("elsewhere/secret.txt", Reason.OUTSIDE_FOLDER, "leads out");
    }

    @Test
    void refusesASymlinkToASystemFile() throws IOException {
        Path link = Files.createSymbolicLink(shared.resolve("passwd"), Path.of("/etc/passwd"));
        assertRefused("passwd", Reason.OUTSIDE_FOLDER, "leads out");
        Files.delete(link);
    }

    @Test
    void servesASymlinkThatStaysInside() throws Exception {
        Files.createSymbolicLink(shared.resolve("alias.txt"), shared.resolve("hello.txt"));
        assertThat(catalogue.describe("alias.txt").sha256().hex()).isEqualTo(HELLO_SHA256);
    }

    @Test
    void refusesASymlinkToAHiddenFileInside() throws IOException {
        Files.writeString(shared.resolve(".token"), "secret");
        Files.createSymbolicLink(shared.resolve("visible"), shared.resolve(".token"));
        assertRefused("visible", Reason.HIDDEN, "hidden");
    }

    @Test
    void refusesADanglingLink() throws IOException {
        Files.createSymbolicLink(shared.resolve("broken"), shared.resolve("missing"));
        assertRefused("broken", Reason.NOT_FOUND, "does not exist");
    }

    @Test
    void refusesAFolder() throws IOException {
        Files.createDirectory(shared.resolve("docs"));
        assertRefused("docs", Reason.NOT_A_REGULAR_FILE, "is a folder");
    }

    @Test
    void refusesANamedPipe() throws Exception {
        Path fifo = shared.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor()).as("mkfifo available").isZero();
        assertRefused("pipe", Reason.NOT_A_REGULAR_FILE, "device or special file");
    }

    @Test
    void listsNameSizeAndSha256SortedLeavingOutHiddenAndEscapingEntries() throws Exception {
        Files.createDirectories(shared.resolve("docs"));
        Files.writeString(shared.resolve("docs/b.txt"), "bb");
        Files.writeString(shared.resolve(".hidden"), "no");
        Files.createDirectories(shared.resolve(".git"));
        Files.writeString(shared.resolve(".git/config"), "no");
        Files.createSymbolicLink(shared.resolve("leak"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(shared.resolve("outdir"), outside);
        Files.createSymbolicLink(shared.resolve("alias.txt"), shared.resolve("hello.txt"));

        List<SharedFile> files = catalogue.list();

        assertThat(files).extracting(SharedFile::name).containsExactly("alias.txt", "docs/b.txt", "hello.txt");
        assertThat(files.get(2).sizeBytes()).isEqualTo(6);
        assertThat(files.get(2).sha256().hex()).isEqualTo(HELLO_SHA256);
    }

    @Test
    void listingAgainDoesNotRehashUnchangedFiles() throws Exception {
        ChecksumCache cache = new ChecksumCache();
        FileCatalogue cached = new FileCatalogue(shared, cache);
        Files.writeString(shared.resolve("b.txt"), "b");

        cached.list();
        cached.list();
        cached.describe("hello.txt");

        assertThat(cache.hashesComputed()).isEqualTo(2);
    }

    @Test
    void rehashesAFileWhoseContentChanged() throws Exception {
        ChecksumCache cache = new ChecksumCache();
        FileCatalogue cached = new FileCatalogue(shared, cache);
        Sha256 before = cached.describe("hello.txt").sha256();

        Files.writeString(shared.resolve("hello.txt"), "HELLO\n");
        Files.setLastModifiedTime(shared.resolve("hello.txt"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

        assertThat(cached.describe("hello.txt").sha256()).isNotEqualTo(before);
        assertThat(cache.hashesComputed()).isEqualTo(2);
    }

    @Test
    void hashesALargeFileThroughAFixedBufferWithoutLoadingIt() throws Exception {
        long size = 64L << 20;
        Path big = shared.resolve("big.bin");
        try (FileChannel channel = FileChannel.open(big, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            channel.write(ByteBuffer.wrap(new byte[] {42}), size - 1);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().threadId();
        long allocatedBefore = threads.getThreadAllocatedBytes(threadId);

        Sha256 digest = catalogue.describe("big.bin").sha256();

        long allocated = threads.getThreadAllocatedBytes(threadId) - allocatedBefore;
        // A 10 GiB file must not need 10 GiB of heap: memory stays at the buffer's size.
        assertThat(allocated).isLessThan(size / 16);
        // sha256sum of the same file: 64 MiB - 1 zero bytes, then 42.
        assertThat(digest.hex()).isEqualTo(SIXTY_FOUR_MIB_SHA256);
    }

    @Test
    void opensTheFileOnceWithSizeDigestAndLastByteFromThatHandle() throws Exception {
        try (OpenedFile file = catalogue.open("hello.txt")) {
            ByteBuffer buffer = ByteBuffer.allocate(16);
            file.channel().read(buffer, 0);
            assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
            assertThat(file.sizeBytes()).isEqualTo(6);
            assertThat(file.sha256()).isEqualTo(catalogue.describe("hello.txt").sha256());
            assertThat(file.lastByte()).isEqualTo('\n');
        }
    }

    @Test
    void anOpenedFileKeepsDescribingWhatItOpenedAfterTheFileIsRewritten() throws Exception {
        try (OpenedFile file = catalogue.open("hello.txt")) {
            Files.delete(shared.resolve("hello.txt"));
            Files.writeString(shared.resolve("hello.txt"), "something else entirely");
            ByteBuffer buffer = ByteBuffer.allocate(16);
            file.channel().read(buffer, 0);
            assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
            assertThat(file.sizeBytes()).isEqualTo(6);
        }
    }

    @Test
    void opensAFileOnlyThroughTheSameChecksAsResolve() {
        assertThatThrownBy(() -> catalogue.open("../secret.txt")).isInstanceOf(FileRefusedException.class);
        assertThatThrownBy(() -> catalogue.open("missing.txt"))
                .isInstanceOfSatisfying(FileRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void refusesToShareAFolderThatDoesNotExist() {
        assertThatThrownBy(() -> new FileCatalogue(temp.resolve("missing")))
                .hasMessageContaining("is not a folder");
    }

    private void assertRefused(String name, Reason reason, String messagePart) {
        assertThatThrownBy(() -> catalogue.resolve(name))
                .isInstanceOfSatisfying(FileRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }
}
