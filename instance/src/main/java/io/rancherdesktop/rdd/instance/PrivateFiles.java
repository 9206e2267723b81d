package io.rancherdesktop.rdd.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Owner-only directories and files for what an instance keeps: the service dir (datastore, kubeconfig, TLS
 * material), the short dir (sockets) and the log dir (logs may quote objects and requests). A directory that exists
 * already (made by an older version, or by a tool with the default umask) is tightened, not just left alone.
 * No-ops where the file system has no POSIX permissions (Windows: the profile dirs are private already).
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) as 0700, or removes group and other access from an existing one. */
    public static void ensurePrivateDir(Path dir) {
        try {
            if (!posix()) {
                Files.createDirectories(dir);
                return;
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            restrictToOwner(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("creating the private directory " + dir, e);
        }
    }

    /**
     * Creates {@code dir} as 0700 when it is absent, and leaves an existing one alone: for a dir the user may name
     * ({@code RDD_LOG_DIR}), which could be shared ({@code /tmp}); the files in it are made owner-only instead.
     */
    public static void createPrivateDirIfAbsent(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        ensurePrivateDir(dir);
    }

    /** Removes group and other access from an existing file or directory (not following a symbolic link); absent is fine. */
    public static void restrictToOwner(Path p) throws IOException {
        if (!posix() || !Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (perms.removeAll(GROUP_AND_OTHERS)) {
            Files.setPosixFilePermissions(p, perms);
        }
    }

    /** Creates an empty owner-only (0600) file unless it exists; an existing one is tightened. */
    public static void ensurePrivateFile(Path file) throws IOException {
        if (posix() && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return;
        }
        restrictToOwner(file);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
