package io.mproc.process;

import io.mproc.MprocException;
import io.mproc.NotTransferableException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A child's link to the manager: a {@link ManagerChannel} per calling thread, so that a blocking call (a lock, a
 * barrier) holds up only its own thread, and the manager serves each thread on a thread of its own. A thread's
 * first call opens its channel through the manager's socket: it proves the token and tells its pid, whose end
 * ends the channel. A call that fails or is interrupted gives its channel up, and the thread's next call opens
 * another.
 */
final class RemoteLink implements ManagerLink {

    private final String address;
    private final byte[] token;
    private final ThreadLocal<ManagerChannel> channels = new ThreadLocal<>();

    RemoteLink(String address, byte[] token) {
        this.address = address;
        this.token = token;
    }

    @Override
    public Reply call(Call call) {
        ManagerChannel channel = channels.get();
        try {
            if (channel == null) {
                channel = open();
                channels.set(channel);
            }
            return channel.call(call);
        } catch (NotTransferableException e) {
            throw e;
        } catch (ClosedByInterruptException | Blocking.Interrupted e) {
            giveUp(channel);
            throw Blocking.interrupted("the manager");
        } catch (IOException | RuntimeException e) {
            giveUp(channel);
            throw new MprocException("the call to the manager at " + address + " did not complete (has its context"
                    + " closed?): " + e.getMessage(), e);
        }
    }

    private void giveUp(ManagerChannel channel) {
        channels.remove();
        if (channel != null) {
            channel.abandon();
        }
    }

    private ManagerChannel open() throws IOException {
        try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.connect(UnixDomainSocketAddress.of(address));
            HandshakeFrames.write(socket, token);
            HandshakeFrames.write(socket,
                    Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
            return ManagerChannel.attach(new String(HandshakeFrames.read(socket), StandardCharsets.UTF_8));
        }
    }
}
