package io.updraft.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * Prepares {@code target/popcore/}: the Node harness script plus {@code node_modules} installed by {@code npm ci}
 * from the committed lock file ({@link NodeProject}), at most once per JVM.
 */
final class PopCoreInstall {

  static final String SCRIPT = "popcore-call.js";
  private static final List<String> SOURCES = List.of("package.json", "package-lock.json", SCRIPT);

  private static volatile Path installedDir;

  private PopCoreInstall() {}

  /** Returns the directory holding {@value #SCRIPT} and its node_modules, installing on first use. */
  static Path directory() {
    Path dir = installedDir;
    if (dir == null) {
      synchronized (PopCoreInstall.class) {
        dir = installedDir;
        if (dir == null) {
          dir = NodeProject.install("src/test/node", "target/popcore", SOURCES, "@alicloud/pop-core");
          installedDir = dir;
        }
      }
    }
    return dir;
  }

  static String nodeCommand() {
    return NodeProject.nodeCommand();
  }
}
