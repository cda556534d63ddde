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
                if (m.param(1) != null && m.param(1).compareTo("302") >= 0 && m.param(1).length() == 3) {
                    // "CAP LS 302" implicitly enables cap-notify (capability-negotiation, cap-notify).
                    EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
                    caps.addAll(c.capabilities());
                    caps.add(Capability.CAP_NOTIFY);
                    c.capabilities(caps);
                }
                c.send(capReply(c, "LS", allCapabilities()));
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
        c.capabilities(result);
        return true;
    }

    private static String allCapabilities() {
        List<String> names = new ArrayList<>();
        for (Capability cap : Capability.values()) {
            names.add(cap.wireName());
        }
        return String.join(" ", names);
    }

    private static IrcMessage capReply(IrcConnection c, String sub, String text) {
        return IrcMessage.from(c.serverName(), "CAP", c.nick(), sub, text);
    }
}
