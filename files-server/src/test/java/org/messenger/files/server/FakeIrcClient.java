package org.messenger.files.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;
import org.messenger.irc.server.IrcClient;

/** A registered chat client without a socket: it writes down every numeric the server sends it. */
final class FakeIrcClient implements IrcClient {
    private final String nick;
    /** Each numeric as {@code code param param ...}, the text last: {@code 789 3 10 6 hello.txt User ...}. */
    final List<List<String>> numerics = new CopyOnWriteArrayList<>();

    FakeIrcClient(String nick) {
        this.nick = nick;
    }

    /** The replies with this numeric, in the order sent. */
    List<List<String>> sent(Numeric numeric) {
        String wanted = numeric.code();
        return numerics.stream().filter(n -> n.get(0).equals(wanted)).toList();
    }

    @Override
    public String nick() {
        return nick;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public boolean isRegistered() {
        return true;
    }

    @Override
    public String serverName() {
        return "test.server";
    }

    @Override
    public void sendNumeric(String code, String... params) {
        List<String> line = new java.util.ArrayList<>();
        line.add(code);
        line.addAll(List.of(params));
        numerics.add(List.copyOf(line));
    }

    @Override
    public void sendNumeric(Numeric numeric, String... params) {
        sendNumeric(numeric.code(), params);
    }

    @Override
    public void sendNotice(String text) {
    }

    @Override
    public void send(IrcMessage message) {
    }

    @Override
    public void disconnect(String reason) {
    }

    @Override
    public String toString() {
        return nick;
    }
}
