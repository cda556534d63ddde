package org.messenger.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.jline.reader.History;
import org.junit.jupiter.api.Test;

class SecretInputTest {
    @Test
    void masksThePasswordOfRegisterWhileItIsTyped() {
        assertThat(SecretInput.masked("/register hunter22")).isEqualTo("/register ********");
        assertThat(SecretInput.masked("  /REGISTER  pw")).isEqualTo("  /REGISTER ***");
        assertThat(SecretInput.masked("/register")).isEqualTo("/register");
    }

    @Test
    void masksTheOperPasswordButNotTheOperName() {
        assertThat(SecretInput.masked("/oper admin s3cret")).isEqualTo("/oper admin ******");
        assertThat(SecretInput.masked("/oper adm")).isEqualTo("/oper adm");
    }

    @Test
    void leavesOtherLinesAsTyped() {
        assertThat(SecretInput.masked("/registered users are welcome")).isEqualTo("/registered users are welcome");
        assertThat(SecretInput.masked("hello /register x")).isEqualTo("hello /register x");
    }

    @Test
    void keepsPasswordLinesOutOfTheHistory() {
        History history = new SecretInput.SecretFreeHistory();
        history.add(Instant.EPOCH, "hello");
        history.add(Instant.EPOCH, "/register hunter22");
        history.add(Instant.EPOCH, "/oper admin s3cret");
        history.add(Instant.EPOCH, "/msg bob hi");

        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(history.first())).isEqualTo("hello");
        assertThat(history.get(history.last())).isEqualTo("/msg bob hi");
    }
}
