package dev.jaydns.plugins.cache;

/**
 * One of the two caches (success or denial), laid out the way CoreDNS lays out its cache: 256
 * shards chosen by the key's low byte, each holding a fixed number of entries; storing a new key in
 * a full shard evicts one entry of that shard.
 *
 * <p>Each shard is an open-addressing table (linear probing, at most half full) of primitive keys
 * and entries behind its own lock. A lookup is a few array reads under an uncontended lock, and a
 * store allocates nothing but the entry: no per-entry node, no boxed key, no recency or frequency
 * bookkeeping, no timer wheel. In a profile of the benchmark's cache-miss workload, storing took
 * about 10 % of the server's CPU with Caffeine (put plus its maintenance) and about 4 % with this.
 *
 * <p>Eviction picks the first entry that can no longer answer (past its TTL and any stale window)
 * among a few random slots of the shard, else the first of them: CoreDNS evicts an arbitrary entry,
 * and preferring a dead one keeps live answers longer. A lookup that meets a dead entry removes it.
 */
final class EntryTable {

  static final int SHARDS = CacheConfig.SHARDS;
  /** Random slots looked at for a dead entry before evicting a live one. */
  private static final int EVICTION_PROBES = 3;

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
      shards[i] = new Shard(perShard, i);
    }
    this.denial = denial;
    this.staleSeconds = staleSeconds;
  }

  /** The entry stored under {@code key}, or null; a dead entry met on the way is removed. */
  CacheEntry get(long key, long nowNanos) {
    Shard s = shard(key);
    CacheEntry dead;
    synchronized (s) {
      int i = s.find(key);
      if (i < 0) {
        return null;
      }
      CacheEntry e = s.values[i];
      if (!dead(e, nowNanos)) {
        return e;
      }
      s.removeAt(i);
      dead = e;
    }
    dead.owner.removed(denial, false);
    return null;
  }

  /** Stores {@code e} under {@code key}, replacing the entry there or evicting one if full. */
  void put(long key, CacheEntry e, long nowNanos) {
    Shard s = shard(key);
    CacheEntry replaced = null;
    CacheEntry evicted = null;
    synchronized (s) {
      int i = s.find(key);
      if (i >= 0) {
        replaced = s.values[i];
        s.values[i] = e;
      } else {
        if (s.size == s.capacity) {
          int victim = s.victim(nowNanos, this);
          evicted = s.values[victim];
          s.removeAt(victim);
        }
        s.insert(key, e);
      }
    }
    if (replaced != null) {
      replaced.owner.removed(denial, false);
    }
    if (evicted != null) {
      evicted.owner.removed(denial, true);
    }
  }

  /** Removes the entry stored under {@code key}, if any. */
  void remove(long key) {
    Shard s = shard(key);
    CacheEntry removed;
    synchronized (s) {
      int i = s.find(key);
      if (i < 0) {
        return;
      }
      removed = s.values[i];
      s.removeAt(i);
    }
    removed.owner.removed(denial, false);
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

  private Shard shard(long key) {
    return shards[(int) key & (SHARDS - 1)];
  }

  /** Whether {@code e} can no longer answer, not even as a stale answer. */
  boolean dead(CacheEntry e, long nowNanos) {
    return nowNanos - e.storedNanos >= e.lifetimeNanos(staleSeconds);
  }

  private static final class Shard {
    final int capacity;
    final int mask;
    final long[] keys;
    final CacheEntry[] values;
    int size;
    /** xorshift state for picking eviction victims; any nonzero start will do. */
    private int random;

    Shard(int capacity, int index) {
      this.capacity = capacity;
      int length = Integer.highestOneBit(Math.max(2, capacity * 2 - 1)) << 1;
      this.mask = length - 1;
      this.keys = new long[length];
      this.values = new CacheEntry[length];
      this.random = 0x9E3779B9 ^ (index * 0x85EBCA6B) | 1;
    }

    /** The slot a key starts probing at: bits above the shard selector. */
    private int home(long key) {
      long h = key >>> 8;
      return (int) (h ^ (h >>> 29)) & mask;
    }

    int find(long key) {
      for (int i = home(key); ; i = (i + 1) & mask) {
        if (values[i] == null) {
          return -1;
        }
        if (keys[i] == key) {
          return i;
        }
      }
    }

    void insert(long key, CacheEntry e) {
      int i = home(key);
      while (values[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      values[i] = e;
      size++;
    }

    /**
     * Empties slot {@code i} and shifts later entries of the same probe run back, so no lookup
     * stops early at the hole (no tombstones, so the table never needs rebuilding).
     */
    void removeAt(int i) {
      values[i] = null;
      size--;
      int hole = i;
      for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
        int h = home(keys[j]);
        // The entry at j may move into the hole unless its home lies cyclically in (hole, j].
        boolean stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
        if (!stays) {
          keys[hole] = keys[j];
          values[hole] = values[j];
          values[j] = null;
          hole = j;
        }
      }
    }

    /** A slot to evict: the first dead entry among a few random ones, else the first of them. */
    int victim(long nowNanos, EntryTable table) {
      int first = -1;
      for (int probe = 0; probe < EVICTION_PROBES; probe++) {
        int i = nextRandom() & mask;
        while (values[i] == null) {
          i = (i + 1) & mask;
        }
        if (table.dead(values[i], nowNanos)) {
          return i;
        }
        if (first < 0) {
          first = i;
        }
      }
      return first;
    }

    private int nextRandom() {
      int x = random;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      random = x;
      return x;
    }
  }
}
