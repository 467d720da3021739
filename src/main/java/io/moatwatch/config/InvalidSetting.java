package io.moatwatch.config;

/**
 * A setting whose value a settings record refuses, naming the setting by its record component (e.g.
 * {@code maxChars}) and saying what is wrong in words that do not assume a command line; the CLI puts its own
 * option name in front ({@code --max-chars: must be at least 1, got 0}).
 */
public final class InvalidSetting extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String setting;

  public InvalidSetting(String setting, String problem) {
    super(setting + ": " + problem);
    this.setting = setting;
  }

  /** The record component, e.g. {@code maxChars}. */
  public String setting() {
    return setting;
  }

  /** What is wrong, without the setting's name. */
  public String problem() {
    return getMessage().substring(setting.length() + 2);
  }

  static void require(boolean ok, String setting, String problem) {
    if (!ok) {
      throw new InvalidSetting(setting, problem);
    }
  }
}
