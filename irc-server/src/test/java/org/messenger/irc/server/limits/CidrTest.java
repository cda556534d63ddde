package org.messenger.irc.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void containsTheAddressesOfItsBlockOnly() throws Exception {
        Cidr block = Cidr.parse("10.1.0.0/16");
        assertThat(block.contains(InetAddress.getByName("10.1.255.7"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(block.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(Cidr.parse("192.168.1.7").contains(InetAddress.getByName("192.168.1.8"))).isFalse();
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
    }

    @Test
    void refusesWhatIsNotAnAddressBlockSayingHowToWriteOne() {
        assertThatThrownBy(() -> Cidr.parse("example.org")).hasMessageContaining("write it like 10.0.0.0/8");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length must be 0-32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).hasMessageContaining("number of bits");
        assertThatThrownBy(() -> Cidr.parse("::1/129")).hasMessageContaining("0-128");
    }
}
