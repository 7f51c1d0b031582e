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

/**
 * A Node project of the tests (e.g. {@code src/test/node}, {@code src/test/console}) copied to {@code target/<name>}
 * with {@code node_modules} installed by {@code npm ci} from the committed lock file, with the machine's Node and npm.
 * CI starts without node_modules, so the tests install them themselves: at most once per lock-file content, across
 * JVMs too (a marker file), and never two installs over each other (a file lock).
 */
public final class NodeProject {
    private static final long NPM_TIMEOUT_MINUTES = 5;
    /** Holds the sha256 of the lock file that node_modules was installed from. */
    private static final String MARKER = ".installed-lock-sha256";

    private NodeProject() {
    }

    public static String nodeCommand() {
        return System.getProperty("popcore.node", "node");
    }

    private static String npmCommand() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        return System.getProperty("popcore.npm", windows ? "npm.cmd" : "npm");
    }

    /**
     * @param source  the project under the base dir, e.g. {@code src/test/node}
     * @param target  where it is installed, e.g. {@code target/popcore}
     * @param files   the files to copy (package.json and package-lock.json among them)
     * @param module  a dependency whose folder under node_modules shows the install happened
     */
    public static Path install(String source, String target, List<String> files, String module) {
        // Surefire sets "basedir"; fall back to the working directory for IDE runs.
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path from = base.resolve(source);
        Path dir = base.resolve(target);
        try {
            Files.createDirectories(dir);
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
            throw new IllegalStateException("Could not prepare " + dir + " (npm ci of " + source + ")", e);
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
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
