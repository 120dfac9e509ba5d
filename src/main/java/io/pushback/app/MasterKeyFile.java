package io.pushback.app;

import io.pushback.auth.InvalidSettingException;
import io.pushback.endpoint.MasterKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file holding the master key as one line of Base64. It is created with owner-only permissions
 * ({@code rw-------}) set atomically by the creating call, so it is never readable by others, not
 * even for a moment.
 */
final class MasterKeyFile {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private MasterKeyFile() {}

  /** The key in {@code file}; fails naming the file, never showing its content. */
  static MasterKey read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidSettingException(
          Settings.MASTER_KEY_FILE, "cannot read the master key file " + file + ": " + e, e);
    }
    try {
      return MasterKey.fromBase64(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          Settings.MASTER_KEY_FILE, "the master key file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether others than the owner may read or write {@code file} (false where there is no POSIX).
   */
  static boolean openToOthers(Path file) throws IOException {
    if (!posix()) {
      return false;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    permissions.removeAll(OWNER_ONLY);
    permissions.remove(PosixFilePermission.OWNER_EXECUTE);
    return !permissions.isEmpty();
  }

  /** Creates {@code file} holding {@code key}; fails if it exists. */
  static void create(Path file, MasterKey key) throws IOException {
    byte[] line = (key.toBase64() + "\n").getBytes(StandardCharsets.US_ASCII);
    FileAttribute<?>[] attributes =
        posix()
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    try (FileChannel channel =
        FileChannel.open(
            file,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            attributes)) {
      channel.write(ByteBuffer.wrap(line));
      channel.force(true);
    }
  }

  /**
   * Writes {@code key} to a new owner-only file beside {@code file} and answers it; {@link
   * #install} then renames it over {@code file}.
   */
  static Path stage(Path file, MasterKey key) throws IOException {
    Path staged = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(staged);
    create(staged, key);
    return staged;
  }

  /** Renames {@code staged} over {@code file} atomically: it holds one key or the other. */
  static void install(Path staged, Path file) throws IOException {
    Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
