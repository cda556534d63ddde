package org.messenger.files.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.messenger.files.catalogue.FileRefusedException.Reason;

class FileNameTest {
    @Test
    void acceptsNestedRelativeName() throws FileRefusedException {
        assertThat(FileName.parse("music/albums/song.ogg").segments()).containsExactly("music", "albums", "song.ogg");
    }

    @Test
    void refusesParentSegmentAnywhere() {
        assertRefused("../etc/passwd", Reason.OUTSIDE_FOLDER, "'..'");
        assertRefused("docs/../../etc/passwd", Reason.OUTSIDE_FOLDER, "'..'");
        assertRefused("docs/..", Reason.OUTSIDE_FOLDER, "'..'");
    }

    @Test
    void refusesAbsolutePaths() {
        assertRefused("/etc/passwd", Reason.OUTSIDE_FOLDER, "absolute path");
        assertRefused("C:/Windows/win.ini", Reason.OUTSIDE_FOLDER, "absolute path");
    }

    @Test
    void refusesHiddenNamesAndHiddenFolders() {
        assertRefused(".env", Reason.HIDDEN, "hidden");
        assertRefused(".git/config", Reason.HIDDEN, "hidden");
    }

    @Test
    void refusesControlCharactersAndEchoesThemEscaped() {
        assertRefused("evil\u001b[2Jname", Reason.BAD_NAME, "evil\\u001b[2Jname");
        assertRefused("nul\u0000byte", Reason.BAD_NAME, "control characters");
    }

    @Test
    void refusesBackslashesSoWindowsSeparatorsCannotSneakPast() {
        assertRefused("..\\secret", Reason.BAD_NAME, "backslash");
    }

    @Test
    void refusesEmptyAndDoubledSeparators() {
        assertRefused("", Reason.BAD_NAME, "No file name");
        assertRefused("a//b", Reason.BAD_NAME, "empty folder name");
        assertRefused("folder/", Reason.BAD_NAME, "empty folder name");
    }

    @Test
    void refusesOverlongNames() {
        assertRefused("x".repeat(FileName.MAX_LENGTH + 1), Reason.BAD_NAME, "too long");
    }

    private static void assertRefused(String name, Reason reason, String messagePart) {
        assertThatThrownBy(() -> FileName.parse(name))
                .isInstanceOfSatisfying(FileRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }
}
