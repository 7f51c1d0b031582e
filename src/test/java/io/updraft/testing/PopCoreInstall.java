package io.updraft.testing;

import java.nio.file.Path;
import java.util.List;

/** {@code target/popcore/}: the pop-core harness script and {@code @alicloud/pop-core}, see {@link NpmInstall}. */
final class PopCoreInstall {

  static final String SCRIPT = "popcore-call.js";
  private static final NpmInstall INSTALL = new NpmInstall("node", "popcore", "@alicloud/pop-core", List.of(SCRIPT));

  private PopCoreInstall() {}

  /** Returns the directory holding {@value #SCRIPT} and its node_modules, installing on first use. */
  static Path directory() {
    return INSTALL.directory();
  }

  static String nodeCommand() {
    return NpmInstall.nodeCommand();
  }
}
