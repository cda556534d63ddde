package org.messenger.client;

import java.util.Locale;
import java.util.Set;
import org.messenger.irc.codec.IrcMessage;

/**
 * Decides which incoming messages answer a {@link ChatClient#request request}.
 *
 * <p>Pending requests see each incoming message in the order they were sent; the first one
 * that does not {@link Verdict#SKIP} it claims it. This matches IRC servers, which answer a
 * connection's commands in order. The file-download commands use it, for example:
 * <pre>{@code
 * client.request(IrcMessage.of("FILES"), ReplyMatcher.numerics(Set.of("740"), Set.of("741"), Set.of("742")))
 * }</pre>
 */
@FunctionalInterface
public interface ReplyMatcher {
    enum Verdict {
        /** Not an answer to this request. */
        SKIP,
        /** Part of the answer; keep waiting for more. */
        COLLECT,
        /** The last part of the answer: the request completes with everything collected plus this one. */
        DONE,
        /** An error answer: the request fails with a {@link ChatClientException} made from it. */
        FAIL,
    }

    Verdict judge(IrcMessage incoming);

    /** Collects {@code parts}, completes on any of {@code ends}, fails on any of {@code errors} (numerics or verbs). */
    static ReplyMatcher numerics(Set<String> parts, Set<String> ends, Set<String> errors) {
        return incoming -> {
            String verb = incoming.verb();
            if (errors.contains(verb)) {
                return Verdict.FAIL;
            }
            if (ends.contains(verb)) {
                return Verdict.DONE;
            }
            return parts.contains(verb) ? Verdict.COLLECT : Verdict.SKIP;
        };
    }

    /** Completes on the PONG that echoes {@code token}: proof the server handled everything sent before it. */
    static ReplyMatcher pong(String token) {
        return incoming -> incoming.verb().equals("PONG") && token.equals(incoming.lastParam())
                ? Verdict.DONE : Verdict.SKIP;
    }

    /** Fails on an error numeric whose first argument (after our nick) is {@code subject}, e.g. the nick of a 401. */
    static ReplyMatcher errorAbout(String subject, Set<String> numerics) {
        String lower = subject.toLowerCase(Locale.ROOT);
        return incoming -> numerics.contains(incoming.verb())
                && incoming.param(1) != null
                && incoming.param(1).toLowerCase(Locale.ROOT).equals(lower)
                ? Verdict.FAIL : Verdict.SKIP;
    }

    /** This matcher, or else {@code other} when this one skips. */
    default ReplyMatcher or(ReplyMatcher other) {
        return incoming -> {
            Verdict verdict = judge(incoming);
            return verdict != Verdict.SKIP ? verdict : other.judge(incoming);
        };
    }
}
