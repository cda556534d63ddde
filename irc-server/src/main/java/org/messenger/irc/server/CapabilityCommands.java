package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.messenger.irc.codec.IrcMessage;

/**
 * IRCv3 capability negotiation (https://ircv3.net/specs/extensions/capability-negotiation):
 * CAP LS [302], LIST, REQ, END. CAP LS or REQ before registration holds registration back until
 * CAP END, so the client finishes negotiating first; a client that never sends CAP is not held.
 */
final class CapabilityCommands {
    private CapabilityCommands() {}

    static void register(CommandTable table) {
        table.add("CAP", 1, true, CapabilityCommands::cap);
    }

    private static void cap(IrcConnection c, IrcMessage m) {
        String sub = m.param(0).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                holdRegistration(c);
                // CAP LS 302: capabilities may carry values (sasl=PLAIN,SCRAM-SHA-256; sts).
                boolean values = m.param(1) != null && m.param(1).matches("\\d{1,4}") && Integer.parseInt(m.param(1)) >= 302;
                if (values) {
                    // "CAP LS 302" implicitly enables cap-notify (capability-negotiation, cap-notify).
                    EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
                    caps.addAll(c.capabilities());
                    caps.add(Capability.CAP_NOTIFY);
                    c.capabilities(caps);
                }
                c.send(capReply(c, "LS", allCapabilities(values) + stsPolicy(c, m.param(1))));
            }
            case "LIST" -> {
                List<String> names = new ArrayList<>();
                for (Capability cap : c.capabilities()) {
                    names.add(cap.wireName());
                }
                c.send(capReply(c, "LIST", String.join(" ", names)));
            }
            case "REQ" -> {
                holdRegistration(c);
                String requested = m.param(1) == null ? "" : m.param(1).strip();
                c.send(capReply(c, apply(c, requested) ? "ACK" : "NAK", requested));
            }
            case "END" -> {
                if (!c.isRegistered()) {
                    // SASL 3.1: CAP END in the middle of an exchange aborts it.
                    AccountCommands.abortSasl(c);
                    c.capNegotiating = false;
                    RegistrationCommands.completeRegistration(c);
                }
            }
            default -> c.reply(Numeric.ERR_INVALIDCAPCMD, m.param(0));
        }
    }

    private static void holdRegistration(IrcConnection c) {
        if (!c.isRegistered()) {
            c.capNegotiating = true;
        }
    }

    /** "The capability identifier set must be accepted as a whole, or rejected entirely." */
    private static boolean apply(IrcConnection c, String requested) {
        EnumSet<Capability> result = EnumSet.noneOf(Capability.class);
        result.addAll(c.capabilities());
        if (requested.isEmpty()) {
            return false;
        }
        for (String token : requested.split(" +")) {
            boolean remove = token.startsWith("-");
            Optional<Capability> cap = Capability.byName(remove ? token.substring(1) : token);
            if (cap.isEmpty()) {
                return false;
            }
            if (remove) {
                result.remove(cap.get());
            } else {
                result.add(cap.get());
            }
        }
        // labeled-response: "the batch capability ... MUST be negotiated" with it, since a
        // multi-line answer comes in a batch; refused (NAK) rather than answered half-labeled.
        if (result.contains(Capability.LABELED_RESPONSE) && !result.contains(Capability.BATCH)) {
            return false;
        }
        c.capabilities(result);
        return true;
    }

    private static String allCapabilities(boolean withValues) {
        List<String> names = new ArrayList<>();
        for (Capability cap : Capability.values()) {
            names.add(withValues ? cap.withValue() : cap.wireName());
        }
        return String.join(" ", names);
    }

    /**
     * https://ircv3.net/specs/extensions/sts: the plain port tells clients to upgrade ({@code port}),
     * the TLS port how long to keep to TLS ({@code duration}). Values are for CAP LS 302 clients only,
     * and only with a certificate the operator gave: a client upgrading to the generated self-signed
     * one would fail its verification and could not connect at all.
     */
    private static String stsPolicy(IrcConnection c, String version) {
        ServerContext server = c.server();
        if (server.tlsPort() < 0 || server.config().tls() == null || !server.config().tls().operatorProvided()
                || version == null || !version.matches("\\d{1,4}") || Integer.parseInt(version) < 302) {
            return "";
        }
        return c.isSecure()
                ? " sts=duration=" + server.config().tls().stsDuration().toSeconds()
                : " sts=port=" + server.tlsPort();
    }

    private static IrcMessage capReply(IrcConnection c, String sub, String text) {
        return IrcMessage.from(c.serverName(), "CAP", c.nick(), sub, text);
    }
}
