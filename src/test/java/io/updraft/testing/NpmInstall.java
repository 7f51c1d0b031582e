package io.updraft.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Node harness of the tests, ready to run: its files copied from {@code src/test/<source>/} to
 * {@code target/<target>/} and its {@code node_modules} installed there by {@code npm ci} from the committed lock
 * file, with the machine's own Node and npm. CI starts without node_modules, so the tests install the SDKs
 * themselves; this happens at most once per JVM (and once per lock file content, across JVMs, thanks to a marker
 * file).
 */
final class NpmInstall {
  private static final long NPM_TIMEOUT_MINUTES = 5;
  /** Holds the sha256 of the lock file that node_modules was installed from. */
  private static final String MARKER = ".installed-lock-sha256";

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
    this.files = Stream.concat(Stream.of("package.json", "package-lock.json"), scripts.stream())
        .toList();
  }

  /** The directory holding the scripts and their node_modules, installing on first use. */
  Path directory() {
    Path dir = installedDir;
    if (dir == null) {
      synchronized (this) {
        dir = installedDir;
        if (dir == null) {
          dir = install();
          installedDir = dir;
        }
      }
    }
    return dir;
  }

  static String nodeCommand() {
    return System.getProperty("popcore.node", "node");
  }

  private static String npmCommand() {
    boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    return System.getProperty("popcore.npm", windows ? "npm.cmd" : "npm");
  }

  private Path install() {
    // Surefire sets "basedir"; fall back to the working directory for IDE runs.
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path from = base.resolve("src/test").resolve(source);
    Path dir = base.resolve("target").resolve(target);
    try {
      Files.createDirectories(dir);
      // A file lock keeps parallel surefire forks from running npm ci over each other.
      try (FileChannel channel = FileChannel.open(dir.resolve(".install.lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        for (String name : files) {
          Files.copy(from.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        String lockHash = sha256(dir.resolve("package-lock.json"));
        Path marker = dir.resolve(MARKER);
        boolean installed = Files.isDirectory(dir.resolve("node_modules").resolve(module))
            && Files.isRegularFile(marker)
            && Files.readString(marker).trim().equals(lockHash);
        if (!installed) {
          runNpmCi(dir);
          Files.writeString(marker, lockHash);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("Could not prepare " + dir + " for " + module, e);
    }
  }

  private static void runNpmCi(Path dir) throws IOException {
    Path log = dir.resolve("npm-ci.log");
    Process npm = new ProcessBuilder(npmCommand(), "ci", "--no-audit", "--no-fund")
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile()) // a file, so a chatty npm can never block on a full pipe
        .start();
    npm.getOutputStream().close(); // npm must never wait for input
    boolean finished;
    try {
      finished = npm.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      npm.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running npm ci in " + dir, e);
    }
    if (!finished) {
      npm.descendants().forEach(ProcessHandle::destroyForcibly);
      npm.destroyForcibly();
      throw new IllegalStateException("npm ci in " + dir + " did not finish within "
          + NPM_TIMEOUT_MINUTES + " minutes. Output:\n" + Files.readString(log));
    }
    if (npm.exitValue() != 0) {
      throw new IllegalStateException("npm ci in " + dir + " failed with exit code "
          + npm.exitValue() + ". Output:\n" + Files.readString(log));
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
