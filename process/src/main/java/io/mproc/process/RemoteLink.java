package io.mproc.process;

import io.mproc.MprocException;
import io.mproc.internal.wire.Values;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * A child's link to the manager: one connection per calling thread, so that a blocking call (a lock, a barrier)
 * holds up only its own thread, and the manager serves each thread on a thread of its own.
 */
final class RemoteLink implements ManagerLink {

    private final String address;
    private final byte[] token;
    private final ThreadLocal<SocketChannel> channels = new ThreadLocal<>();

    RemoteLink(String address, byte[] token) {
        this.address = address;
        this.token = token;
    }

    @Override
    public Reply call(Call call) {
        try {
            SocketChannel channel = channel();
            Frames.write(channel, Values.MAPPER.writeValueAsBytes(call));
            return Values.MAPPER.readValue(Frames.read(channel), Reply.class);
        } catch (IOException e) {
            channels.remove();
            throw new MprocException("lost the manager at " + address + " (has its context closed?): " + e, e);
        }
    }

    private SocketChannel channel() throws IOException {
        SocketChannel channel = channels.get();
        if (channel == null) {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(address));
            Frames.write(channel, token);
            channels.set(channel);
        }
        return channel;
    }
}
