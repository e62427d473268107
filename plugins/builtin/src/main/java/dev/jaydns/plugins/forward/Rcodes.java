package dev.jaydns.plugins.forward;

import java.util.Locale;

/** DNS rcode mnemonics as CoreDNS (miekg/dns) spells them, for option parsing and metric labels. */
public final class Rcodes {

  private static final String[] NAMES = {
    "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET",
    "NXRRSET", "NOTAUTH", "NOTZONE", null, null, null, null, null,
    "BADSIG", "BADKEY", "BADTIME", "BADMODE", "BADNAME", "BADALG", "BADTRUNC", "BADCOOKIE"
  };

  private static final String[] LABELS = new String[4096];

  static {
    for (int i = 0; i < LABELS.length; i++) {
      LABELS[i] = i < NAMES.length && NAMES[i] != null ? NAMES[i] : Integer.toString(i);
    }
  }

  private Rcodes() {}

  /** The mnemonic of {@code rcode}, or its decimal form when it has none (CoreDNS's metric label). */
  public static String label(int rcode) {
    return rcode >= 0 && rcode < LABELS.length ? LABELS[rcode] : Integer.toString(rcode);
  }

  /**
   * The rcode a mnemonic names, case-insensitively, or -1. {@code NOTIMPL} and {@code BADVERS} are
   * accepted as miekg/dns accepts them.
   */
  public static int parse(String text) {
    String t = text.toUpperCase(Locale.ROOT);
    switch (t) {
      case "NOTIMPL":
        return 4;
      case "BADVERS":
        return 16;
      default:
        for (int i = 0; i < NAMES.length; i++) {
          if (t.equals(NAMES[i])) {
            return i;
          }
        }
        return -1;
    }
  }
}
