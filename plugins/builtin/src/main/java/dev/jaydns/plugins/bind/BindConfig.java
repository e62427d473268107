package dev.jaydns.plugins.bind;

import dev.jaydns.corefile.Token;
import java.util.List;

/**
 * One {@code bind} line: the addresses or interface names it names, and those its {@code except}
 * option removes again.
 *
 * @param addresses the {@code ADDRESS|IFACE} arguments, as written
 * @param except the {@code except} arguments, as written (empty without the option)
 */
record BindConfig(List<Token> addresses, List<Token> except) {

  BindConfig {
    addresses = List.copyOf(addresses);
    except = List.copyOf(except);
  }
}
