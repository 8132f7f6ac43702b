package io.assay.lake.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forkless local file system keeps Hadoop's semantics for what Spark and Delta call on it. */
class ForklessLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  /** Hadoop's configuration as a local Spark session gets it from the settings SparkSessions applies. */
  private static Configuration configured() {
    Configuration conf = new Configuration(false);
    ForklessLocalFiles.sparkSettings().forEach((key, value) -> conf.set(key.substring("spark.hadoop.".length()), value.toString()));
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  @Test
  void createdFilesAndFoldersGetTheRequestedPermissionsWithoutAShell() throws Exception {
    FileSystem fs = FileSystem.get(dir.toUri(), configured());
    assertTrue(fs instanceof ForklessLocalFileSystem, fs.getClass().getName());
    Path folder = new Path(dir.toUri().toString(), "a/b");
    assertTrue(fs.mkdirs(folder, new FsPermission((short) 0750)));
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
    Path file = new Path(folder, "part-0.parquet");
    try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
      out.write("x".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0.parquet"))));
    assertTrue(Files.exists(dir.resolve("a/b/.part-0.parquet.crc")), "the checksummed file system still writes its .crc");
    assertThrows(FileNotFoundException.class, () -> fs.setPermission(new Path(folder, "missing"), new FsPermission((short) 0644)));
  }

  @Test
  void fileContextRenameWithoutOverwriteRefusesAnExistingTargetAsDeltasLogStoreExpects() throws Exception {
    FileContext fc = FileContext.getFileContext(dir.toUri(), configured());
    assertTrue(fc.getDefaultFileSystem() instanceof ForklessLocalFs, fc.getDefaultFileSystem().getClass().getName());
    Path log = new Path(dir.toUri().toString(), "_delta_log");
    fc.mkdir(log, FsPermission.getDirDefault(), true);
    Path temp = new Path(log, ".00000.json.tmp");
    Path commit = new Path(log, "00000.json");
    write(fc, temp, "{\"commitInfo\":{}}");
    fc.rename(temp, commit, Options.Rename.NONE);
    assertArrayEquals("{\"commitInfo\":{}}".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("_delta_log/00000.json")));
    assertFalse(Files.exists(dir.resolve("_delta_log/.00000.json.tmp")));

    Path rival = new Path(log, ".00000.json.rival.tmp");
    write(fc, rival, "{}");
    assertThrows(FileAlreadyExistsException.class, () -> fc.rename(rival, commit, Options.Rename.NONE),
        "a second writer of the same version must lose");
    assertThrows(FileNotFoundException.class, () -> fc.rename(new Path(log, "gone"), new Path(log, "00001.json"), Options.Rename.NONE));
  }

  @Test
  void linkStatusIsHadoopsOwnForLinksAndPlainFiles() throws Exception {
    Files.writeString(dir.resolve("target.txt"), "t");
    Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("target.txt"));
    FileSystem forkless = FileSystem.get(dir.toUri(), configured());
    org.apache.hadoop.fs.RawLocalFileSystem stock = new org.apache.hadoop.fs.RawLocalFileSystem();
    stock.initialize(dir.toUri(), new Configuration(false));
    // Hadoop resolves links only for paths without a scheme (it runs readlink on the path's text).
    Path bareLink = new Path(dir.resolve("link.txt").toString());
    assertTrue(stock.getFileLinkStatus(bareLink).isSymlink());
    assertTrue(forkless.getFileLinkStatus(bareLink).isSymlink());
    for (String name : new String[] {"link.txt", "target.txt"}) {
      for (Path path : new Path[] {new Path(dir.resolve(name).toString()), new Path(dir.resolve(name).toUri())}) {
        FileStatus expected = stock.getFileLinkStatus(path);
        FileStatus actual = forkless.getFileLinkStatus(path);
        assertEquals(expected.isSymlink(), actual.isSymlink(), path.toString());
        assertEquals(expected.getLen(), actual.getLen(), path.toString());
        assertEquals(expected.getPath(), actual.getPath(), path.toString());
      }
    }
    assertThrows(FileNotFoundException.class, () -> forkless.getFileLinkStatus(new Path(dir.resolve("none").toUri())));
  }

  private static void write(FileContext fc, Path path, String text) throws Exception {
    try (FSDataOutputStream out = fc.create(path, EnumSet.of(CreateFlag.CREATE))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
