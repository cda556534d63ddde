package org.messenger.files.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortRangeTest {
    @Test
    void parsesTheDefaultRange() {
        PortRange range = PortRange.parse("55000-55015");
        assertThat(range).isEqualTo(PortRange.DEFAULT);
        assertThat(range.size()).isEqualTo(16);
    }

    @Test
    void parsesASinglePortAsARangeOfOne() {
        assertThat(PortRange.parse("55000")).isEqualTo(new PortRange(55000, 55000));
    }

    @Test
    void toleratesSpacesAroundTheDash() {
        assertThat(PortRange.parse(" 55000 - 55001 ")).isEqualTo(new PortRange(55000, 55001));
    }

    @Test
    void refusesABackwardsRangeAndShowsTheFix() {
        assertThatThrownBy(() -> PortRange.parse("55015-55000"))
                .hasMessageContaining("backwards").hasMessageContaining("55000-55015");
    }

    @Test
    void refusesPortsOutsideTheUdpRange() {
        assertThatThrownBy(() -> PortRange.parse("0-10")).hasMessageContaining("from 1 to 65535");
        assertThatThrownBy(() -> PortRange.parse("65000-70000")).hasMessageContaining("from 1 to 65535");
    }

    @Test
    void refusesTextThatIsNotARange() {
        assertThatThrownBy(() -> PortRange.parse("55000:55015"))
                .hasMessage("a UDP port range must look like 55000-55015 (two port numbers joined by a dash), got '55000:55015'");
        assertThatThrownBy(() -> PortRange.parse("")).hasMessageContaining("no UDP port range given");
    }
}
