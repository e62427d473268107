package dev.jaydns.plugins.cache;

import static dev.jaydns.plugins.cache.Corefiles.cache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.plugin.ConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheConfigTest {

  @Test
  void bareCacheHasCoreDnsDefaults() throws Exception {
    CacheConfig c = Corefiles.parse("example.org:1053 {\n  cache\n}\n");
    assertThat(c.zones()).containsExactly("example.org.");
    assertThat(c.success()).isEqualTo(new CacheConfig.Bucket(10000, 3600, 5));
    assertThat(c.denial()).isEqualTo(new CacheConfig.Bucket(10000, 1800, 5));
    assertThat(c.success().effectiveCapacity()).isEqualTo(9984);
    assertThat(c.prefetch().enabled()).isFalse();
    assertThat(c.serveStale().enabled()).isFalse();
    assertThat(c.servfail()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.disable()).isEqualTo(CacheConfig.Disable.NONE);
    assertThat(c.keepttl()).isFalse();
  }

  @Test
  void firstIntegerArgumentIsTheTtlOfBothCaches() throws Exception {
    CacheConfig c = cache("cache 30 Example.ORG net");
    assertThat(c.success().ttl()).isEqualTo(30);
    assertThat(c.denial().ttl()).isEqualTo(30);
    assertThat(c.zones()).containsExactly("example.org.", "net.");
  }

  @Test
  void aNonIntegerFirstArgumentIsAZone() throws Exception {
    CacheConfig c = cache("cache 30s");
    assertThat(c.zones()).containsExactly("30s.");
    assertThat(c.success().ttl()).isEqualTo(3600);
  }

  @Test
  void zeroOrNegativeTtlIsRejectedWithPosition() {
    assertThatThrownBy(() -> cache("  cache 0"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("plugin/cache: Corefile:2:9: cache TTL can not be zero or negative: 0");
    assertThatThrownBy(() -> cache("cache -5"))
        .hasMessageEndingWith("cache TTL can not be zero or negative: -5");
  }

  @Test
  void successAndDenialSetCapacityTtlAndMinTtl() throws Exception {
    CacheConfig c = cache("cache 300 {\n success 5000 60 10\n denial 100 5\n}");
    assertThat(c.success()).isEqualTo(new CacheConfig.Bucket(5000, 60, 10));
    assertThat(c.denial()).isEqualTo(new CacheConfig.Bucket(100, 5, 5));
    assertThat(c.success().effectiveCapacity()).isEqualTo(256 * 19);
    assertThat(c.denial().effectiveCapacity()).isEqualTo(1024);
  }

  @Test
  void capacityIsRoundedAsCoreDnsShards() {
    assertThat(new CacheConfig.Bucket(10000, 1, 0).effectiveCapacity()).isEqualTo(9984);
    assertThat(new CacheConfig.Bucket(1279, 1, 0).effectiveCapacity()).isEqualTo(1024);
    assertThat(new CacheConfig.Bucket(1280, 1, 0).effectiveCapacity()).isEqualTo(1280);
    assertThat(new CacheConfig.Bucket(0, 1, 0).effectiveCapacity()).isEqualTo(1024);
    assertThat(new CacheConfig.Bucket(-3000, 1, 0).effectiveCapacity()).isEqualTo(1024);
  }

  @Test
  void successAndDenialValidation() {
    assertThatThrownBy(() -> cache("cache {\n success\n}"))
        .hasMessageContaining("Corefile:3:")
        .hasMessageContaining("missing CAPACITY");
    assertThatThrownBy(() -> cache("cache {\n success many\n}"))
        .hasMessage("plugin/cache: Corefile:3:10: CAPACITY must be an integer, not 'many'");
    assertThatThrownBy(() -> cache("cache {\n denial 100 0\n}"))
        .hasMessage("plugin/cache: Corefile:3:13: cache TTL can not be zero or negative: 0");
    assertThatThrownBy(() -> cache("cache {\n denial 100 10 -1\n}"))
        .hasMessageEndingWith("cache min TTL can not be negative: -1");
    assertThatThrownBy(() -> cache("cache {\n success 100 10 1 9\n}"))
        .hasMessageEndingWith("unexpected argument '9' for 'success'");
  }

  @Test
  void prefetchDefaultsAndForms() throws Exception {
    assertThat(cache("cache {\n prefetch 3\n}").prefetch())
        .isEqualTo(new CacheConfig.Prefetch(3, Duration.ofMinutes(1), 10));
    assertThat(cache("cache {\n prefetch 2 30s 50%\n}").prefetch())
        .isEqualTo(new CacheConfig.Prefetch(2, Duration.ofSeconds(30), 50));
    assertThat(cache("cache {\n prefetch 0\n}").prefetch().enabled()).isFalse();
  }

  @Test
  void prefetchValidation() {
    assertThatThrownBy(() -> cache("cache {\n prefetch 5 1m 95%\n}"))
        .hasMessage("plugin/cache: Corefile:3:16: percentage should fall in range [10, 90]: 95");
    assertThatThrownBy(() -> cache("cache {\n prefetch 5 1m 50\n}"))
        .hasMessageEndingWith("last character of percentage should be `%`, but is: '0'");
    assertThatThrownBy(() -> cache("cache {\n prefetch -1\n}"))
        .hasMessageEndingWith("prefetch amount should be positive: -1");
    assertThatThrownBy(() -> cache("cache {\n prefetch 1 1x\n}"))
        .hasMessageContaining("prefetch DURATION");
    assertThatThrownBy(() -> cache("cache {\n prefetch\n}")).hasMessageContaining("missing AMOUNT");
    assertThatThrownBy(() -> cache("cache {\n prefetch 1 1m 10% x\n}"))
        .hasMessageContaining("unexpected argument 'x'");
  }

  @Test
  void serveStaleDefaultsAndModes() throws Exception {
    assertThat(cache("cache {\n serve_stale\n}").serveStale())
        .isEqualTo(new CacheConfig.ServeStale(Duration.ofHours(1), false));
    assertThat(cache("cache {\n serve_stale 10m VERIFY\n}").serveStale())
        .isEqualTo(new CacheConfig.ServeStale(Duration.ofMinutes(10), true));
    assertThat(cache("cache {\n serve_stale 30s immediate\n}").serveStale())
        .isEqualTo(new CacheConfig.ServeStale(Duration.ofSeconds(30), false));
  }

  @Test
  void serveStaleValidation() {
    assertThatThrownBy(() -> cache("cache {\n serve_stale -1s\n}"))
        .hasMessage("plugin/cache: Corefile:3:14: invalid negative duration for serve_stale");
    assertThatThrownBy(() -> cache("cache {\n serve_stale 1h verified\n}"))
        .hasMessageEndingWith("invalid value for serve_stale refresh mode: verified");
    assertThatThrownBy(() -> cache("cache {\n serve_stale 1h verify x\n}"))
        .hasMessageContaining("unexpected argument 'x'");
  }

  @Test
  void servfailBounds() throws Exception {
    assertThat(cache("cache {\n servfail 0\n}").servfail()).isEqualTo(Duration.ZERO);
    assertThat(cache("cache {\n servfail 5m\n}").servfail()).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> cache("cache {\n servfail 10m\n}"))
        .hasMessage(
            "plugin/cache: Corefile:3:11: caching SERVFAIL responses over 5 minutes is not permitted");
    assertThatThrownBy(() -> cache("cache {\n servfail -1s\n}"))
        .hasMessageEndingWith("invalid negative ttl for servfail");
    assertThatThrownBy(() -> cache("cache {\n servfail\n}")).hasMessageContaining("missing DURATION");
    assertThatThrownBy(() -> cache("cache {\n servfail 1s 2s\n}"))
        .hasMessageContaining("unexpected argument '2s'");
  }

  @Test
  void disableTakesATypeAndZones() throws Exception {
    CacheConfig c = cache("cache {\n disable success Example.org\n disable denial\n}");
    assertThat(c.disable().success()).containsExactly("example.org.");
    assertThat(c.disable().denial()).containsExactly(".");
    assertThatThrownBy(() -> cache("cache {\n disable both\n}"))
        .hasMessage(
            "plugin/cache: Corefile:3:10: cache type for disable must be \"success\" or \"denial\","
                + " not 'both'");
    assertThatThrownBy(() -> cache("cache {\n disable\n}"))
        .hasMessageContaining("missing success|denial");
  }

  @Test
  void keepttlTakesNoArguments() throws Exception {
    assertThat(cache("cache {\n keepttl\n}").keepttl()).isTrue();
    assertThatThrownBy(() -> cache("cache {\n keepttl yes\n}"))
        .hasMessageContaining("unexpected argument 'yes'");
  }

  @Test
  void unknownOptionNamesItsPositionAndTheClosestOption() {
    assertThatThrownBy(() -> cache("cache {\n  servfail_ttl 5s\n}"))
        .hasMessageStartingWith("plugin/cache: Corefile:3:3: unknown property 'servfail_ttl'")
        .hasMessageContaining("did you mean 'servfail'?");
  }

  @Test
  void optionsTakeNoBlock() {
    assertThatThrownBy(() -> cache("cache {\n  keepttl {\n    x\n  }\n}"))
        .hasMessageContaining("'keepttl' takes no block");
  }

  @Test
  void cidrZoneArgumentsAreRejectedClearly() {
    assertThatThrownBy(() -> cache("cache 10.0.0.0/24"))
        .hasMessageContaining("CIDR zones are not supported");
  }

  @Test
  void blocksWithTheSameSettingsShareAStoreKeyWhateverTheirZones() throws Exception {
    CacheConfig a = Corefiles.parse("a.org {\n cache 30\n}\n");
    CacheConfig b = Corefiles.parse("b.org {\n cache 30\n}\n");
    CacheConfig c = Corefiles.parse("c.org {\n cache 31\n}\n");
    assertThat(a.zones()).isEqualTo(List.of("a.org."));
    assertThat(a.storeKey()).isEqualTo(b.storeKey()).isNotEqualTo(c.storeKey());
  }

  @Test
  void pluginIsFoundByServiceLoader() {
    assertThat(java.util.ServiceLoader.load(dev.jaydns.plugin.Plugin.class).stream()
            .map(p -> p.get().name()))
        .contains("cache");
  }
}
