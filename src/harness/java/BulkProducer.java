import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Many orders as fast as Kafka's own producer goes, from the host's warm JVM (a JVM start per bulk
 * write costs seconds of CPU on two cores). Order n goes to partition n % partitions, its value
 * "order <n> placed" padded with spaces, as the kafkajs bulk producer writes them. What it returns is
 * what the broker acknowledged: per partition, the lowest and highest offset it gave and how many.
 */
final class BulkProducer {
  private BulkProducer() {}

  static Map<String, Object> produce(String bootstrap, String topic, int count, int partitions, int valueBytes, long first) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "bulk-producer");
    // Idempotent (acks=all): a retried batch is not written twice, so the accounting stays exact.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64 << 20));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    long[] lowest = new long[partitions], highest = new long[partitions], acknowledged = new long[partitions];
    Arrays.fill(lowest, Long.MAX_VALUE);
    Arrays.fill(highest, -1);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long started = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < count && failure.get() == null; i++) {
        int partition = i % partitions;
        producer.send(new ProducerRecord<>(topic, partition, null, value(first + i, valueBytes)), (metadata, error) -> {
          if (error != null) { failure.compareAndSet(null, error); return; }
          synchronized (acknowledged) {
            lowest[partition] = Math.min(lowest[partition], metadata.offset());
            highest[partition] = Math.max(highest[partition], metadata.offset());
            acknowledged[partition]++;
          }
        });
      }
      producer.flush();
    }
    if (failure.get() != null) throw failure.get();
    List<Map<String, Object>> ranges = new ArrayList<>();
    synchronized (acknowledged) {
      for (int p = 0; p < partitions; p++) {
        if (acknowledged[p] == 0) continue;
        ranges.add(Map.of("topic", topic, "partition", p, "first", lowest[p], "last", highest[p], "acknowledged", acknowledged[p]));
      }
    }
    return Map.of("ranges", ranges, "ms", (System.nanoTime() - started) / 1_000_000);
  }

  static byte[] value(long order, int valueBytes) {
    byte[] text = ("order " + order + " placed").getBytes(StandardCharsets.US_ASCII);
    byte[] value = new byte[Math.max(valueBytes, text.length)];
    Arrays.fill(value, (byte) ' ');
    System.arraycopy(text, 0, value, 0, text.length);
    return value;
  }
}
