/**
 * The Messenger client library: one {@link org.messenger.client.ChatClient} per user connection.
 *
 * <ul>
 *   <li>{@link org.messenger.client.ClientConfig} says where and as whom to connect;</li>
 *   <li>{@link org.messenger.client.ChatEvent} records arrive on the client's event thread through
 *       {@link org.messenger.client.ChatListener}s;</li>
 *   <li>failures are {@link org.messenger.client.ChatClientException}s whose message is for people and
 *       whose {@link org.messenger.client.ChatClientException.Problem} is for code;</li>
 *   <li>protocol extensions (the file commands) use {@link org.messenger.client.ChatClient#send} and
 *       {@link org.messenger.client.ChatClient#request} with a {@link org.messenger.client.ReplyMatcher}.</li>
 * </ul>
 *
 * The library speaks IRC (RFC 2812 with IRCv3 capability negotiation, {@code server-time} and
 * {@code message-tags}) through the {@code irc} module's codec, so it also works with other IRC servers.
 */
package org.messenger.client;
