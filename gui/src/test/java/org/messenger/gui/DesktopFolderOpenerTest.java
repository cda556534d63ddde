package org.messenger.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class DesktopFolderOpenerTest {
    @TempDir
    Path folder;

    @Test
    void saysSoWhenThereIsNoOpenerInstalled() {
        DesktopFolderOpener opener = new DesktopFolderOpener(List.of("messenger-no-such-opener"), Runnable::run);

        assertThatThrownBy(() -> opener.open(folder).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().hasMessage("no file manager to show it with (messenger-no-such-opener is not installed)");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void saysSoWhenTheOpenerFails() {
        DesktopFolderOpener opener = new DesktopFolderOpener(List.of("false"), Runnable::run);

        assertThatThrownBy(() -> opener.open(folder).get(10, TimeUnit.SECONDS))
                .cause().hasMessageStartingWith("false could not show it (exit status 1");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void completesWhenTheOpenerSucceeds() throws Exception {
        DesktopFolderOpener opener = new DesktopFolderOpener(List.of("true"), Runnable::run);

        assertThat(opener.open(folder).get(10, TimeUnit.SECONDS)).isNull();
    }
}
