package org.messenger.gui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NickCompleterTest {
    private final NickCompleter completer = new NickCompleter();
    private final List<String> nicks = List.of("bob", "Bobby", "carol");

    @Test
    void completesAtTheStartOfTheLineWithAColon() {
        assertThat(completer.complete("ca", 2, nicks)).isEqualTo(new NickCompleter.Result("carol: ", 7));
    }

    @Test
    void completesInsideTheLineWithASpace() {
        assertThat(completer.complete("ask ca about it", 6, nicks))
                .isEqualTo(new NickCompleter.Result("ask carol about it", 10));
    }

    @Test
    void ignoresCaseOfTheTypedPrefix() {
        assertThat(completer.complete("BOBB", 4, nicks).text()).isEqualTo("Bobby: ");
    }

    @Test
    void cyclesThroughMatchesOnRepeatedTab() {
        NickCompleter.Result first = completer.complete("bo", 2, nicks);
        NickCompleter.Result second = completer.complete(first.text(), first.caret(), nicks);
        NickCompleter.Result third = completer.complete(second.text(), second.caret(), nicks);

        assertThat(List.of(first.text(), second.text(), third.text())).containsExactly("bob: ", "Bobby: ", "bob: ");
    }

    @Test
    void startsAfreshAfterTyping() {
        NickCompleter.Result first = completer.complete("bo", 2, nicks);
        completer.reset();

        assertThat(completer.complete(first.text(), first.caret(), nicks)).isNull();
    }

    @Test
    void returnsNothingWithoutAMatchOrAWord() {
        assertThat(completer.complete("zz", 2, nicks)).isNull();
        assertThat(completer.complete("hello ", 6, nicks)).isNull();
    }
}
