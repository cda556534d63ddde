package org.messenger.files.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.crypto.AeadLibrary;

/** What a client's downloads run with. */
class DownloadConfigTest {
    @Test
    void aLocalServerGetsLoopbackDatagramsAndEveryDownloadPrefersOpenSslsAead() {
        TransferConfig local = FileClient.downloadConfig("127.0.0.1");
        TransferConfig remote = FileClient.downloadConfig("chat.example.org");
        assertThat(FileClient.downloadConfig("localhost")).isEqualTo(local);
        assertThat(FileClient.downloadConfig("::1")).isEqualTo(local);
        assertThat(local.maxDatagramBytes()).isEqualTo(TransferConfig.loopback().maxDatagramBytes());
        assertThat(remote.maxDatagramBytes()).isEqualTo(TransferConfig.defaults().maxDatagramBytes());
        // A cold JVM: native AES-GCM from the first packet (docs/performance.md).
        assertThat(local.aeadLibrary()).isEqualTo(AeadLibrary.OPENSSL);
        assertThat(remote.aeadLibrary()).isEqualTo(AeadLibrary.OPENSSL);
        assertThat(local.withAeadLibrary(AeadLibrary.AUTO)).isEqualTo(TransferConfig.loopback());
    }
}
