/**
 * File sharing beside the chat: which files a server shares ({@code catalogue}), which UDP ports
 * transfers may use ({@code ports}), what a client already has on disk ({@code resume}), the life
 * of one download ({@code download}), the IRC extension commands and replies that control it
 * ({@code protocol}) and the terminal progress line ({@code progress}).
 *
 * <p>These packages know neither Netty nor the chat server: they are plain Java and are tested
 * alone. The glue that plugs them into the IRC server, the client library and the transport lives
 * apart.
 */
package org.messenger.files;
