package io.updraft.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeIdentityTest {
    @TempDir
    Path dataDir;

    @Test
    void aNodeGetsAnIdOnFirstStartAndKeepsItAcrossRestarts() throws Exception {
        NodeIdentity first = NodeIdentity.of(dataDir, null);
        NodeIdentity again = NodeIdentity.of(dataDir, null);

        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(dataDir.resolve("node.id")).trim()).isEqualTo(first.id());
    }

    @Test
    void twoDataDirsMeanTwoNodes(@TempDir Path other) {
        assertThat(NodeIdentity.of(other, null)).isNotEqualTo(NodeIdentity.of(dataDir, null));
    }

    @Test
    void aConfiguredIdWinsOverTheDataDirs() {
        NodeIdentity.of(dataDir, null);

        assertThat(NodeIdentity.of(dataDir, "eu-1").id()).isEqualTo("eu-1");
    }

    @Test
    void anIdWithCharactersOutsideTheAllowedSetIsRefused() {
        assertThatThrownBy(() -> new NodeIdentity("node 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 64 letters");
    }
}
