package dev.jaydns.plugins.cache;

/** What kind of answer a reply is, as CoreDNS's {@code response.Typify} classifies it. */
enum ReplyKind {
  /** NOERROR with answers, or NOERROR with neither answers, SOA nor NS. */
  NO_ERROR,
  /** NOERROR with NS records (and no SOA) in the authority section. */
  DELEGATION,
  /** NXDOMAIN with an SOA in the authority section. */
  NAME_ERROR,
  /** NOERROR, no answers, SOA in the authority section. */
  NO_DATA,
  /** SERVFAIL or NOTIMP. */
  SERVER_ERROR,
  /** A zone transfer or a NOTIFY. */
  META,
  /** An UPDATE. */
  UPDATE,
  /** Everything else: REFUSED, FORMERR, NXDOMAIN without SOA, an expired signature. */
  OTHER;

  /** True for the kinds whose TTL comes from the records rather than the 5 s default. */
  boolean carriesTtl() {
    return this == NO_ERROR || this == NAME_ERROR || this == NO_DATA;
  }

  /** True for the kinds the denial cache holds. */
  boolean isDenial() {
    return this == NAME_ERROR || this == NO_DATA || this == SERVER_ERROR;
  }

  /** True for the kinds either cache may hold. */
  boolean cacheable() {
    return this != META && this != UPDATE && this != OTHER;
  }
}
