package dev.jaydns.plugins.cache;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.wire.Wire;
import java.util.Arrays;

/**
 * One of the two caches (success or denial), laid out the way CoreDNS lays out its cache: 256
 * shards chosen by the key's low byte, each holding a fixed number of entries; storing a new key in
 * a full shard evicts one entry of that shard.
 *
 * <p>No entry is an object. A shard is an open-addressing index (linear probing, at most half
 * full) of keys to entry numbers, the entries' fields in primitive arrays, all behind the shard's
 * lock, and the entries' bytes (see {@link StoredReply}) packed into one byte array per shard, its
 * slab, compacted in place when the space at its end runs out and grown (to a quarter more than
 * the live bytes) when compacting would leave less than an eighth of it free. So a
 * cache that turns over under a miss-heavy load leaves the young collector nothing to copy but
 * the new replies' scratch: with an object and a byte array per entry, every young collection
 * copied the whole cache (2.3 MB for the benchmark's 10 000 entries, 2.5-4 ms pauses on the
 * server's core), and its arrays, once long-lived, were copied again at every promotion.
 *
 * <p>An answer is made from the slab while the shard is locked, since a store into the same shard
 * may move the bytes; a lock is held for a lookup and one copy of the answer's size.
 *
 * <p>Eviction takes the first entry that can no longer answer (past its TTL and any stale window)
 * among the shard's few oldest, else the oldest: CoreDNS evicts an arbitrary entry, and preferring
 * a dead one keeps live answers longer. The oldest are the first in slab order, so finding them
 * costs no random probing of the index (random slots were a third of the cost of a store under a
 * miss-heavy load). A lookup that meets a dead entry removes it.
 */
final class EntryTable {

  static final int SHARDS = CacheConfig.SHARDS;
  /** Oldest entries looked at for a dead one before evicting a live one. */
  private static final int EVICTION_PROBES = 3;
  /** A shard's first slab; it doubles as needed. */
  private static final int FIRST_SLAB = 512;
  private static final long SECOND = 1_000_000_000L;

  /** {@link #probe} results. */
  static final int ABSENT = 0;
  static final int SERVER_ERROR = 1;
  static final int ANSWER = 2;

  private final Shard[] shards = new Shard[SHARDS];
  private final boolean denial;
  private final long staleSeconds;

  /**
   * @param capacity total entries, a multiple of {@link #SHARDS} ({@link
   *     CacheConfig.Bucket#effectiveCapacity()})
   * @param staleSeconds how long after expiry an entry may still answer (serve_stale)
   * @param denial whether this is the denial cache (reported to the entry's meters on removal)
   */
  EntryTable(int capacity, long staleSeconds, boolean denial) {
    int perShard = Math.max(1, capacity / SHARDS);
    for (int i = 0; i < SHARDS; i++) {
      shards[i] = new Shard(perShard);
    }
    this.denial = denial;
    this.staleSeconds = staleSeconds;
  }

  /**
   * The answer to {@code query} stored under {@code key} for {@code partition}, or null: nothing
   * stored, another question under the same key, or an entry that can no longer answer (a dead one
   * is removed). Counts the hit for prefetch.
   */
  CacheHit lookup(long key, Query query, int partition, long nowNanos, HitRules rules) {
    Shard s = shard(key);
    CacheMetrics.ServerMeters dead;
    synchronized (s) {
      int i = s.find(key);
      if (i < 0) {
        return null;
      }
      int e = s.slotEntries[i];
      if (!dead(s, e, nowNanos)) {
        return s.matches(e, query, partition)
            ? s.hit(e, query, nowNanos, rules, staleSeconds)
            : null;
      }
      dead = s.owners[e];
      s.removeSlot(i);
    }
    dead.removed(denial, false);
    return null;
  }

  /**
   * What is stored for {@code query} under {@code key}, without counting a hit: {@link #ABSENT}
   * (nothing that may answer), {@link #SERVER_ERROR} (a cached SERVFAIL) or {@link #ANSWER}.
   */
  int probe(long key, Query query, int partition, long nowNanos) {
    Shard s = shard(key);
    synchronized (s) {
      int i = s.find(key);
      int e = i < 0 ? -1 : s.slotEntries[i];
      if (e < 0
          || dead(s, e, nowNanos)
          || !s.matches(e, query, partition)
          || !usable(s.remaining(e, nowNanos))) {
        return ABSENT;
      }
      return s.isServerError(e) ? SERVER_ERROR : ANSWER;
    }
  }

  /**
   * Stores {@code reply} (whose OPT record, if any, is its last) under {@code key}, replacing the
   * entry there or evicting one if the shard is full.
   *
   * @param duration the TTL the entry is stored with, in seconds
   * @param owner the meters of the listener whose query stored it: its removal is counted there
   * @param hits prefetch popularity carried over from the entry this one refreshes (0 for none)
   */
  void put(
      long key,
      ScannedReply reply,
      Query query,
      long nowNanos,
      int duration,
      int partition,
      CacheMetrics.ServerMeters owner,
      int hits) {
    Shard s = shard(key);
    CacheMetrics.ServerMeters replaced = null;
    CacheMetrics.ServerMeters evicted = null;
    int length = StoredReply.length(reply);
    synchronized (s) {
      int i = s.find(key);
      if (i >= 0) {
        replaced = s.owners[s.slotEntries[i]];
        s.removeSlot(i);
      } else if (s.size == s.capacity) {
        int victim = s.victim(nowNanos, this);
        evicted = s.owners[s.slotEntries[victim]];
        s.removeSlot(victim);
      }
      int at = s.allocate(length);
      StoredReply.write(reply, s.slab, at);
      int e = s.insert(key);
      s.offsets[e] = at;
      s.lengths[e] = length;
      s.storedNanos[e] = nowNanos;
      s.durations[e] = duration;
      s.tags[e] = partition << 8 | StoredReply.bits(reply, query);
      s.hits[e] = hits;
      s.lastHitNanos[e] = nowNanos;
      s.owners[e] = owner;
    }
    if (replaced != null) {
      replaced.removed(denial, false);
    }
    if (evicted != null) {
      evicted.removed(denial, true);
    }
  }

  /** Removes the entry stored under {@code key}, if any. */
  void remove(long key) {
    Shard s = shard(key);
    CacheMetrics.ServerMeters removed;
    synchronized (s) {
      int i = s.find(key);
      if (i < 0) {
        return;
      }
      removed = s.owners[s.slotEntries[i]];
      s.removeSlot(i);
    }
    removed.removed(denial, false);
  }

  /** Entries stored now, dead ones not yet met included. */
  long size() {
    long n = 0;
    for (Shard s : shards) {
      synchronized (s) {
        n += s.size;
      }
    }
    return n;
  }

  /** Bytes of the shards' slabs, used or not (for tests and the footprint benchmark). */
  long slabBytes() {
    long n = 0;
    for (Shard s : shards) {
      synchronized (s) {
        n += s.slab.length;
      }
    }
    return n;
  }

  private Shard shard(long key) {
    return shards[(int) key & (SHARDS - 1)];
  }

  /** Whether entry {@code e} can no longer answer, not even as a stale answer. */
  private boolean dead(Shard s, int e, long nowNanos) {
    return nowNanos - s.storedNanos[e] >= (s.durations[e] + staleSeconds) * SECOND;
  }

  /** Whether an entry with {@code remaining} seconds of TTL may answer (live or serve_stale). */
  private boolean usable(long remaining) {
    return remaining > 0 || -remaining < staleSeconds;
  }

  /**
   * One shard: an open-addressing index of keys to entry numbers, the entries' columns (one
   * array per field, {@code capacity} long, free numbers on a stack) and the slab. Keeping the
   * columns out of the index, which is at most half full, keeps the cost per entry near what an
   * object per entry cost.
   */
  private static final class Shard {
    final int capacity;
    final int mask;
    final long[] slotKeys;
    /** The entry number each slot holds; -1 marks an empty slot. */
    final int[] slotEntries;
    /** Each entry's key, so an entry found in slab order can be found in the index. */
    final long[] keys;
    /** Where each entry's bytes start in the slab, and how many there are. */
    final int[] offsets;
    final int[] lengths;
    final long[] storedNanos;
    /** The TTL each entry was stored with, in seconds (CoreDNS's {@code origTTL}). */
    final int[] durations;
    /** The server block's partition above the entry bits ({@link StoredReply#bits}). */
    final int[] tags;
    /** Prefetch popularity: hits with no gap longer than the prefetch window. */
    final int[] hits;
    final long[] lastHitNanos;
    /** The meters of the listener whose query stored each entry: evictions are counted there. */
    final CacheMetrics.ServerMeters[] owners;
    /** Entry numbers not in use, on a stack. */
    private final int[] free;
    private int freeCount;
    /**
     * The entries in the order their bytes lie in the slab (a doubly linked list; -1 ends it):
     * new bytes go at the end and compaction keeps the order, so compacting needs no sort.
     */
    private final int[] next;
    private final int[] previous;
    private int first = -1;
    private int last = -1;
    byte[] slab = new byte[FIRST_SLAB];
    /** The end of the slab's used part: new bytes go here. */
    private int top;
    /** Bytes of the slab that belong to stored entries. */
    private int live;
    int size;

    Shard(int capacity) {
      this.capacity = capacity;
      int length = Integer.highestOneBit(Math.max(2, capacity * 2 - 1)) << 1;
      this.mask = length - 1;
      this.slotKeys = new long[length];
      this.slotEntries = new int[length];
      Arrays.fill(slotEntries, -1);
      this.keys = new long[capacity];
      this.offsets = new int[capacity];
      this.lengths = new int[capacity];
      this.storedNanos = new long[capacity];
      this.durations = new int[capacity];
      this.tags = new int[capacity];
      this.hits = new int[capacity];
      this.lastHitNanos = new long[capacity];
      this.owners = new CacheMetrics.ServerMeters[capacity];
      this.free = new int[capacity];
      for (int e = 0; e < capacity; e++) {
        free[e] = capacity - 1 - e;
      }
      this.freeCount = capacity;
      this.next = new int[capacity];
      this.previous = new int[capacity];
    }

    /** The slot a key starts probing at: bits above the shard selector. */
    private int home(long key) {
      long h = key >>> 8;
      return (int) (h ^ (h >>> 29)) & mask;
    }

    /** The slot holding {@code key}, or -1; {@code slotEntries} has its entry number. */
    int find(long key) {
      for (int i = home(key); ; i = (i + 1) & mask) {
        if (slotEntries[i] < 0) {
          return -1;
        }
        if (slotKeys[i] == key) {
          return i;
        }
      }
    }

    /**
     * Takes a free entry number, indexes it under {@code key} and puts it last in slab order;
     * the caller fills its columns, its bytes being the last allocated.
     */
    int insert(long key) {
      int e = free[--freeCount];
      keys[e] = key;
      next[e] = -1;
      previous[e] = last;
      if (last >= 0) {
        next[last] = e;
      } else {
        first = e;
      }
      last = e;
      int i = home(key);
      while (slotEntries[i] >= 0) {
        i = (i + 1) & mask;
      }
      slotKeys[i] = key;
      slotEntries[i] = e;
      size++;
      return e;
    }

    /** True when entry {@code e} answers {@code query}'s question (case aside), DO and CD bits. */
    boolean matches(int e, Query query, int partition) {
      int at = offsets[e];
      return tags[e] >>> 8 == partition
          && (tags[e] & (StoredReply.DNSSEC_OK | StoredReply.CHECKING_DISABLED))
              == StoredReply.queryBits(query)
          && query.questionEnd() <= StoredReply.messageLength(slab, at)
          && QuestionKey.equalIgnoreCase(
              slab,
              StoredReply.messageStart(at) + Wire.HEADER_LENGTH,
              query.wire(),
              Wire.HEADER_LENGTH,
              query.questionEnd());
    }

    boolean isServerError(int e) {
      return (tags[e] & StoredReply.SERVER_ERROR) != 0;
    }

    /**
     * Seconds of TTL left: the stored duration minus the whole seconds since it was stored, as
     * CoreDNS counts, so a 30 s entry is served with 30, 29, ..., 1 and then is expired.
     */
    long remaining(int e, long nowNanos) {
      return durations[e] - (nowNanos - storedNanos[e]) / SECOND;
    }

    /** The hit on entry {@code e}, or null when it is expired beyond serve_stale. */
    CacheHit hit(int e, Query query, long nowNanos, HitRules rules, long staleSeconds) {
      long remaining = remaining(e, nowNanos);
      if (remaining <= 0) {
        if (-remaining >= staleSeconds) {
          return null;
        }
        return new CacheHit(answer(e, query, 0), true, false, hits[e]);
      }
      boolean prefetch = false;
      if (rules.prefetchAmount() > 0) {
        // CoreDNS's freq.Update: the count restarts when the previous hit is older than the window.
        boolean restart = hits[e] == 0 || nowNanos - lastHitNanos[e] > rules.prefetchWindowNanos();
        int h = restart ? 1 : hits[e] + 1;
        hits[e] = h;
        lastHitNanos[e] = nowNanos;
        long threshold = ((long) rules.prefetchPercentage() * durations[e] + 99) / 100;
        prefetch = h >= rules.prefetchAmount() && remaining <= threshold;
      }
      long ttl = rules.keepTtl() ? durations[e] : remaining;
      return new CacheHit(answer(e, query, ttl), false, prefetch, hits[e]);
    }

    private byte[] answer(int e, Query query, long ttl) {
      return StoredReply.answer(slab, offsets[e], lengths[e], query, ttl);
    }

    /**
     * Empties slot {@code i} and shifts later entries of the same probe run back, so no lookup
     * stops early at the hole (no tombstones, so the index never needs rebuilding).
     */
    void removeSlot(int i) {
      int e = slotEntries[i];
      live -= lengths[e];
      owners[e] = null;
      free[freeCount++] = e;
      if (previous[e] >= 0) {
        next[previous[e]] = next[e];
      } else {
        first = next[e];
      }
      if (next[e] >= 0) {
        previous[next[e]] = previous[e];
      } else {
        last = previous[e];
      }
      slotEntries[i] = -1;
      size--;
      if (size == 0) {
        top = 0;
      }
      int hole = i;
      for (int j = (i + 1) & mask; slotEntries[j] >= 0; j = (j + 1) & mask) {
        int h = home(slotKeys[j]);
        // The entry at j may move into the hole unless its home lies cyclically in (hole, j].
        boolean stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
        if (!stays) {
          slotKeys[hole] = slotKeys[j];
          slotEntries[hole] = slotEntries[j];
          slotEntries[j] = -1;
          hole = j;
        }
      }
    }

    /**
     * Room for {@code length} bytes at the slab's end, compacting the slab first when they do not
     * fit, and growing it when compacting would leave less than an eighth of it free.
     */
    int allocate(int length) {
      if (slab.length - top < length) {
        int needed = live + length;
        if (needed > slab.length - slab.length / 8) {
          repack(new byte[(needed + needed / 4 + 255) & ~255]);
        } else {
          repack(slab);
        }
      }
      int at = top;
      top += length;
      live += length;
      return at;
    }

    /**
     * Packs the live entries at the start of {@code into} (the slab itself, or a larger one), in
     * the order they lie in the slab, so moving one never overwrites another not yet moved.
     */
    private void repack(byte[] into) {
      int at = 0;
      for (int e = first; e >= 0; e = next[e]) {
        if (offsets[e] != at || into != slab) {
          System.arraycopy(slab, offsets[e], into, at, lengths[e]);
          offsets[e] = at;
        }
        at += lengths[e];
      }
      slab = into;
      top = at;
    }

    /** The slot to evict: the first dead entry among the oldest few, else the oldest. */
    int victim(long nowNanos, EntryTable table) {
      int e = first;
      for (int probe = 0; probe < EVICTION_PROBES && e >= 0; probe++, e = next[e]) {
        if (table.dead(this, e, nowNanos)) {
          return find(keys[e]);
        }
      }
      return find(keys[first]);
    }
  }
}
