package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.crypto.AeadLibrary;
import org.messenger.transport.crypto.AeadProtection;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.sim.SimulatedNetwork;

/** A transfer seals with the library its configuration prefers, unless the system property names one. */
class AeadLibraryChoiceTest {
    @TempDir
    Path dir;

    private static AeadLibrary libraryOf(Object handle) {
        return ((AeadProtection) ((Transfer) handle).trafficProtection).library();
    }

    private AeadLibrary[] run(TransferConfig config) throws Exception {
        long size = 300_000;
        try (SimTransfer t = new SimTransfer(1, dir, size, config, NetemSpec.parse("delay=1ms"),
                NetemSpec.parse("delay=1ms"))) {
            t.start(ByteRanges.whole(size));
            SimulatedNetwork.RunResult r = t.run(10_000_000_000L);
            assertThat(r.outcome()).as(t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.filesEqual()).isTrue();
            return new AeadLibrary[] {libraryOf(t.sendHandle), libraryOf(t.receiveHandle)};
        }
    }

    @Test
    void theConfigurationsPreferenceIsUsedAndTheDefaultIsBySize() throws Exception {
        assumeTrue(AeadLibrary.OPENSSL.available(), () -> "OpenSSL: " + AeadLibrary.OPENSSL.unavailableReason());
        String before = System.getProperty(AeadLibrary.PROPERTY);
        System.clearProperty(AeadLibrary.PROPERTY);
        try {
            assertThat(run(TransferConfig.loopback())).containsOnly(AeadLibrary.AUTO);
            assertThat(run(TransferConfig.loopback().withAeadLibrary(AeadLibrary.OPENSSL)))
                    .containsOnly(AeadLibrary.OPENSSL);
            assertThat(run(TransferConfig.defaults().withAeadLibrary(AeadLibrary.JDK))).containsOnly(AeadLibrary.JDK);

            System.setProperty(AeadLibrary.PROPERTY, "jdk"); // the user's word beats the configuration's
            assertThat(run(TransferConfig.loopback().withAeadLibrary(AeadLibrary.OPENSSL)))
                    .containsOnly(AeadLibrary.JDK);
        } finally {
            if (before == null) System.clearProperty(AeadLibrary.PROPERTY);
            else System.setProperty(AeadLibrary.PROPERTY, before);
        }
    }
}
