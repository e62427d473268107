package dev.jaydns.corefile;

/**
 * A Corefile that cannot be used, with the position of the offending text. The message reads
 * {@code Corefile:7:5: unexpected '}' (no '{' is open)}: the position first, then what is wrong in
 * words a person can act on.
 */
public class CorefileException extends Exception {

  private final Position position;
  private final String detail;

  public CorefileException(Position position, String detail) {
    super(position == null ? detail : position + ": " + detail);
    this.position = position;
    this.detail = detail;
  }

  public CorefileException(Position position, String detail, Throwable cause) {
    super(position == null ? detail : position + ": " + detail, cause);
    this.position = position;
    this.detail = detail;
  }

  /** Where the problem is, or {@code null} when it concerns no particular place (a missing file). */
  public Position position() {
    return position;
  }

  /** The message without the position prefix. */
  public String detail() {
    return detail;
  }
}
