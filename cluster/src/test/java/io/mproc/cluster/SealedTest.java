package io.mproc.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SealedTest {

    private static final ClusterToken TOKEN = ClusterToken.of("a token for the tests of sealed messages");
    private static final byte[] PAYLOAD = "{\"launchId\":\"42\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aMessageOpensOnlyForThePurposeAndTokenItWasSealedWith() {
        byte[] event = Sealed.seal(TOKEN, Sealed.Purpose.WORKER_EVENT, PAYLOAD);

        assertThat(Sealed.open(TOKEN, Sealed.Purpose.WORKER_EVENT, event)).isEqualTo(PAYLOAD);
        assertThat(Sealed.open(TOKEN, Sealed.Purpose.KILL_REQUEST, event)).isNull();
        assertThat(Sealed.open(ClusterToken.of("another token, sixteen or more"), Sealed.Purpose.WORKER_EVENT,
                event)).isNull();
    }

    @Test
    void anAlteredPayloadDoesNotOpen() {
        byte[] request = Sealed.seal(TOKEN, Sealed.Purpose.KILL_REQUEST, PAYLOAD);
        request[request.length - 2] ^= 1;

        assertThat(Sealed.open(TOKEN, Sealed.Purpose.KILL_REQUEST, request)).isNull();
    }
}
