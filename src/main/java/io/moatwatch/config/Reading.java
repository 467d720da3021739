package io.moatwatch.config;

import java.io.Serializable;
import java.util.List;

/**
 * What the read stage reads and how.
 *
 * @param inputs     files, directories or globs (local paths or any Hadoop file system URI)
 * @param format     {@code auto} or a format name (the read stage's registry checks the name)
 * @param prefilter  when raw records of large JSON-lines dumps are tested before parsing
 * @param splitBytes an uncompressed or .bz2 JSON-lines file larger than this is read in parts of this size,
 *                   by as many tasks
 */
public record Reading(List<String> inputs, String format, Prefiltering prefilter, long splitBytes)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The default part size: 128 MiB, Hadoop's usual block size. */
  public static final long DEFAULT_SPLIT_BYTES = 128L << 20;

  /** Which files the prefilter tests: those of 32 MiB or more ({@code AUTO}), every one, or none. */
  public enum Prefiltering {
    AUTO, ON, OFF
  }

  public Reading {
    InvalidSetting.require(inputs != null && !inputs.isEmpty() && inputs.stream().noneMatch(s -> s == null || s.isBlank()),
        "inputs", "needs at least one path");
    InvalidSetting.require(format != null && !format.isBlank(), "format", "needs a format name or auto");
    InvalidSetting.require(prefilter != null, "prefilter", "must be auto, on or off");
    InvalidSetting.require(splitBytes >= 1 << 20, "splitBytes", "must be at least 1 MiB, got " + (splitBytes >> 20));
    inputs = List.copyOf(inputs);
  }
}
