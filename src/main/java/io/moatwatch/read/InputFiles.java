package io.moatwatch.read;

import io.moatwatch.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Driver-only: expands the {@code --input} paths into the files to read, through Hadoop's file systems (so
 * local paths, {@code hdfs://} and {@code s3a://} all work). A path that exists is taken literally (export
 * names such as Discord's {@code general [1012...].json} contain glob characters); otherwise it is a glob.
 * Directories are read recursively, leaving out hidden files, {@code _}-prefixed files and Markdown notes.
 */
public final class InputFiles {
  private InputFiles() {}

  /** The sorted, distinct files, or a {@link ConfigException} naming the first input that matches nothing. */
  public static List<String> resolve(List<String> inputs, Configuration conf) throws ConfigException {
    TreeSet<String> files = new TreeSet<>();
    for (String input : inputs) {
      try {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        List<FileStatus> matches = new ArrayList<>();
        if (fs.exists(path)) {
          matches.add(fs.getFileStatus(path));
        } else {
          FileStatus[] globbed = fs.globStatus(path);
          if (globbed != null) {
            matches.addAll(List.of(globbed));
          }
        }
        int before = files.size();
        for (FileStatus m : matches) {
          if (m.isDirectory()) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
            while (it.hasNext()) {
              LocatedFileStatus f = it.next();
              if (isData(f.getPath())) {
                files.add(f.getPath().toString());
              }
            }
          } else {
            files.add(m.getPath().toString());
          }
        }
        if (files.size() == before && matches.isEmpty()) {
          throw new ConfigException("input " + input + " does not exist or matches no files");
        }
        if (files.size() == before) {
          throw new ConfigException("input " + input + " contains no data files");
        }
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("input " + input + " cannot be listed: " + e.getMessage());
      }
    }
    return List.copyOf(files);
  }

  private static boolean isData(Path p) {
    String name = p.getName();
    return !name.startsWith(".") && !name.startsWith("_") && !name.endsWith(".md");
  }
}
