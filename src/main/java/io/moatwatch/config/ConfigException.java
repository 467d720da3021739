package io.moatwatch.config;



/** Bad configuration: the run stops before any work, printing this one-line message. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
