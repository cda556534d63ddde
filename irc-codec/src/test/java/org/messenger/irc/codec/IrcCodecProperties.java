package org.messenger.irc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IrcCodecProperties {

    @Property(tries = 2000)
    void parseIsTheInverseOfFormat(@ForAll("messages") IrcMessage message) {
        assertThat(IrcParser.parse(IrcFormatter.format(message))).isEqualTo(message);
    }

    @Property(tries = 5000)
    void garbageNeverEscapesTheParserAsAnythingButAParseError(@ForAll("garbage") String line) {
        try {
            IrcMessage parsed = IrcParser.parse(line);
            assertThat(parsed.command()).isNotEmpty();
        } catch (IrcParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void parsesTagsSourceCommandAndTrailing() {
        IrcMessage m = IrcParser.parse("@time=2026-11-25T10:00:00.000Z;+draft/x=a\\sb :alice!a@host PRIVMSG #lobby :hi there");
        assertThat(m.tags()).containsExactly(
                Map.entry("time", "2026-11-25T10:00:00.000Z"), Map.entry("+draft/x", "a b"));
        assertThat(m.source()).isEqualTo("alice!a@host");
        assertThat(m.sourceNick()).isEqualTo("alice");
        assertThat(m.command()).isEqualTo("PRIVMSG");
        assertThat(m.params()).containsExactly("#lobby", "hi there");
    }

    @Test
    void toleratesEmptyTagItemsAndKeepsTheLastValueOfARepeatedKey() {
        IrcMessage m = IrcParser.parse("@a=1;;b;a=2;c=;d=x\\:y; PING :t");
        assertThat(m.tags()).containsExactly(
                Map.entry("b", ""), Map.entry("a", "2"), Map.entry("c", ""), Map.entry("d", "x;y"));
        assertThatThrownBy(() -> IrcParser.parse("@a=1;=2 PING")).isInstanceOf(IrcParseException.class);
        assertThatThrownBy(() -> IrcParser.parse("@ PING")).isInstanceOf(IrcParseException.class);
    }

    @Test
    void keepsEveryParameterOfALongMessageInOrder() {
        IrcMessage m = IrcParser.parse(":srv 005 alice A=1 B=2 C=3 D=4 E=5 F=6 G=7 H=8 :are supported");
        assertThat(m.params()).containsExactly(
                "alice", "A=1", "B=2", "C=3", "D=4", "E=5", "F=6", "G=7", "H=8", "are supported");
        assertThat(IrcParser.parse("PING").params()).isEmpty();
        assertThat(IrcParser.parse("USER a 0 * :Real Name").params()).containsExactly("a", "0", "*", "Real Name");
        assertThatThrownBy(() -> m.params().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsTheCommandAsSent() {
        assertThat(IrcParser.parse("PRIVMSG #a :x").command()).isEqualTo("PRIVMSG");
        assertThat(IrcParser.parse("PrivMsg #a :x").command()).isEqualTo("PrivMsg");
        assertThat(IrcParser.parse("PRIVMSGX #a").command()).isEqualTo("PRIVMSGX");
        assertThat(IrcParser.parse("PIN x").command()).isEqualTo("PIN");
        assertThat(IrcParser.parse(":s 001 me :hi").command()).isEqualTo("001");
    }

    @Test
    void acceptsSeveralSpacesBetweenParametersAndLowerCaseCommands() {
        IrcMessage m = IrcParser.parse("privmsg   bob    :x");
        assertThat(m.verb()).isEqualTo("PRIVMSG");
        assertThat(m.params()).containsExactly("bob", "x");
    }

    @Test
    void keepsEmptyTrailingParameter() {
        assertThat(IrcParser.parse("TOPIC #a :").params()).containsExactly("#a", "");
        assertThat(IrcFormatter.format(IrcMessage.of("TOPIC", "#a", ""))).isEqualTo("TOPIC #a :");
    }

    @Test
    void rejectsEmptyLinesAndBadCommands() {
        assertThatThrownBy(() -> IrcParser.parse("")).isInstanceOf(IrcParseException.class);
        assertThatThrownBy(() -> IrcParser.parse("   ")).isInstanceOf(IrcParseException.class);
        assertThatThrownBy(() -> IrcParser.parse("12 x")).isInstanceOf(IrcParseException.class);
        assertThatThrownBy(() -> IrcParser.parse("PRIV-MSG x")).isInstanceOf(IrcParseException.class);
        assertThatThrownBy(() -> IrcParser.parse(":onlysource")).isInstanceOf(IrcParseException.class);
        assertThatThrownBy(() -> IrcParser.parse("@a=b")).isInstanceOf(IrcParseException.class);
    }

    @Test
    void forcedTrailingMarkerStillParsesToTheSameMessage() {
        IrcMessage m = IrcMessage.from("srv", "353", "alice", "=", "#lobby", "alice");
        assertThat(IrcFormatter.format(m, true)).isEqualTo(":srv 353 alice = #lobby :alice");
        assertThat(IrcParser.parse(IrcFormatter.format(m, true))).isEqualTo(m);
    }

    @Test
    void refusesToFormatALineBreakThatWouldSmuggleAMessage() {
        assertThatThrownBy(() -> IrcFormatter.format(IrcMessage.of("PRIVMSG", "bob", "hi\r\nQUIT")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<IrcMessage> messages() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('!', '~').excludeChars(':').ofMinLength(1).ofMaxLength(12)
                .map(s -> s.replace(" ", ""));
        Arbitrary<String> middle = Combinators.combine(word, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(8))
                .as((a, b) -> a + b);
        Arbitrary<String> trailing = Arbitraries.strings().ofMaxLength(40)
                .filter(s -> s.indexOf('\r') < 0 && s.indexOf('\n') < 0 && s.indexOf('\0') < 0);
        Arbitrary<String> command = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(10),
                Arbitraries.integers().between(0, 999).map(i -> String.format("%03d", i)));
        Arbitrary<String> source = Arbitraries.oneOf(Arbitraries.just(null), word.map(w -> "n" + w));
        Arbitrary<String> tagKey = Combinators.combine(
                        Arbitraries.of("", "+", "example.com/", "+draft.org/"),
                        Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1).ofMaxLength(8))
                .as((p, n) -> p + n);
        Arbitrary<Map<String, String>> tags = Arbitraries.maps(tagKey,
                        Arbitraries.strings().ofMaxLength(10).filter(s -> s.indexOf('\0') < 0))
                .ofMaxSize(4)
                .map(LinkedHashMap::new);
        Arbitrary<List<String>> params = Combinators.combine(middle.list().ofMaxSize(5), Arbitraries.oneOf(
                        Arbitraries.just(null), trailing))
                .as((mids, last) -> {
                    List<String> all = new ArrayList<>(mids);
                    if (last != null) {
                        all.add(last);
                    }
                    return all;
                });
        return Combinators.combine(tags, source, command, params).as(IrcMessage::new);
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("@:; =\\+/aZ09 \r\n\0!").ofMaxLength(40));
    }
}
