package io.mproc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTokenTest {

    @TempDir
    Path config;

    @Test
    void theEnvironmentVariableIsTheStandardTokenWhenSet() {
        ClusterToken token = ClusterToken.standard(Map.of(ClusterToken.ENVIRONMENT, "a token from the environment",
                "XDG_CONFIG_HOME", config.toString()));

        assertThat(token.fingerprint()).isEqualTo(ClusterToken.of("a token from the environment").fingerprint());
        assertThat(config.resolve("mproc")).doesNotExist();
    }

    @Test
    void withoutTheVariableTheStandardTokenIsAFileMadeOnceAndReadableByItsOwnerOnly() throws Exception {
        Map<String, String> environment = Map.of("XDG_CONFIG_HOME", config.toString());

        ClusterToken made = ClusterToken.standard(environment);
        ClusterToken again = ClusterToken.standard(environment);

        Path file = config.resolve("mproc").resolve("cluster-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.fingerprint()).isEqualTo(made.fingerprint());
    }

    @Test
    void whatOneTokenEncryptsOnlyThatTokenDecryptsAndTheTextDoesNotShow() {
        ClusterToken token = ClusterToken.of("a token that encrypts bootstraps");
        byte[] secret = "token=00112233445566778899".getBytes(StandardCharsets.UTF_8);

        byte[] encrypted = token.encrypt(secret);

        assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain("token=");
        assertThat(token.decrypt(encrypted)).isEqualTo(secret);
        assertThat(token.encrypt(secret)).isNotEqualTo(encrypted);
        assertThatThrownBy(() -> ClusterToken.of("another token, also long enough").decrypt(encrypted))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not encrypted with this");
    }
}
