package dev.jaydns.plugins.rewrite;

import org.xbill.DNS.Message;

/** A change a matching rule asks for on the answer (names back, TTLs, rcode, EDNS0 options). */
interface ResponseRule {

  /** Changes {@code reply}, a copy this rule may edit. */
  void apply(Message reply, Rewriting rewriting);
}
