package io.updraft.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Node harness of the tests (a {@link NodeProject} under {@code src/test/<source>/}) with its scripts, installed
 * into {@code target/<target>/} at most once per JVM.
 */
final class NpmInstall {
  private final String source;
  private final String target;
  private final List<String> files;
  private final String module;
  private volatile Path installedDir;

  /**
   * @param source directory under {@code src/test/} holding package.json, package-lock.json and {@code scripts}
   * @param target directory under {@code target/} to install into
   * @param module the package whose presence in node_modules shows an install happened
   */
  NpmInstall(String source, String target, String module, List<String> scripts) {
    this.source = source;
    this.target = target;
    this.module = module;
    this.files = Stream.concat(Stream.of("package.json", "package-lock.json"), scripts.stream()).toList();
  }

  /** The directory holding the scripts and their node_modules, installing on first use. */
  Path directory() {
    Path dir = installedDir;
    if (dir == null) {
      synchronized (this) {
        dir = installedDir;
        if (dir == null) {
          dir = NodeProject.install("src/test/" + source, "target/" + target, files, module);
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
