import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One member of a share group (KIP-932): Kafka's KafkaShareConsumer in explicit acknowledgement
 * mode, and the thread that polls it. Every call on it runs on that thread, between polls.
 *
 * Explicit mode refuses a poll while a record of the previous one is unacknowledged, so a member
 * holding records does not poll: it waits for its owner to acknowledge them (ACCEPT, RELEASE or
 * REJECT, each record on its own), and the acknowledgements go to the broker with commitSync, whose
 * answer per partition is passed back. Each poll is reported ("share-polled") with every record's
 * delivery count, as the broker sent it.
 */
class ShareMember {
  final ConsumerHost.Session session;
  final String name;
  final KafkaShareConsumer<String, String> consumer;
  final List<String> topics;
  final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  /** Records of the latest poll not yet acknowledged, by "topic/partition/offset". */
  final Map<String, ConsumerRecord<String, String>> held = new LinkedHashMap<>();
  final Thread thread;
  volatile boolean closed;

  /** `recordsPerPoll`: at most that many records acquired per fetch (share.acquire.mode=record_limit); null for Kafka's defaults. */
  ShareMember(ConsumerHost.Session session, String name, String bootstrap, String groupId, List<String> topics, Number recordsPerPoll) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
    config.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    // As for the host's other consumers: a share fetch returns after 50 ms when nothing is there.
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    config.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, "50");
    if (recordsPerPoll != null) {
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, recordsPerPoll.toString());
      config.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
    }
    this.session = session;
    this.name = name;
    this.consumer = new KafkaShareConsumer<>(config);
    this.topics = topics;
    this.thread = new Thread(this::loop, "share-consumer-" + name);
    this.thread.setDaemon(true);
  }

  CompletableFuture<Map<String, Object>> ask(Callable<Map<String, Object>> task) {
    CompletableFuture<Map<String, Object>> done = new CompletableFuture<>();
    if (closed) return CompletableFuture.failedFuture(new IllegalStateException(name + " is closed"));
    tasks.add(() -> {
      try { done.complete(task.call()); } catch (Exception e) { done.completeExceptionally(e); }
    });
    return done;
  }

  void loop() {
    try {
      consumer.subscribe(topics);
      while (!closed) {
        for (Runnable task; (task = tasks.poll()) != null; ) task.run();
        if (closed) break;
        if (!held.isEmpty()) {
          // Not a poll: explicit mode would refuse it. Waits for the owner's acknowledgements instead.
          Runnable task = tasks.poll(ConsumerHost.POLL.toMillis(), TimeUnit.MILLISECONDS);
          if (task != null) task.run();
          continue;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (ConsumerRecord<String, String> r : consumer.poll(ConsumerHost.POLL)) {
          held.put(key(r.topic(), r.partition(), r.offset()), r);
          Map<String, Object> record = ConsumerHost.record(r);
          record.put("deliveryCount", r.deliveryCount().map(Short::intValue).orElse(-1));
          list.add(record);
        }
        session.send(Map.of("event", "share-polled", "consumer", name, "records", list));
      }
    } catch (Exception e) {
      if (!closed) session.send(Map.of("event", "failed", "consumer", name, "error", e.getClass().getSimpleName() + ": " + e.getMessage()));
    } finally {
      closed = true;
      for (Runnable task; (task = tasks.poll()) != null; ) task.run();
    }
  }

  /**
   * Acknowledges each record as asked, then sends them all with commitSync. Answers the broker's
   * word per partition: "error" is null where it took them, or the error it sent.
   */
  Map<String, Object> acknowledge(List<?> acknowledgements) {
    for (Object o : acknowledgements) {
      Map<?, ?> a = (Map<?, ?>) o;
      String key = key((String) a.get("topic"), ((Number) a.get("partition")).intValue(), ((Number) a.get("offset")).longValue());
      ConsumerRecord<String, String> record = held.remove(key);
      if (record == null) throw new IllegalArgumentException(name + " holds no record " + key + " to acknowledge");
      consumer.acknowledge(record, AcknowledgeType.valueOf(((String) a.get("type")).toUpperCase(Locale.ROOT)));
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (Map.Entry<TopicIdPartition, Optional<KafkaException>> entry : consumer.commitSync(Duration.ofSeconds(10)).entrySet()) {
      Map<String, Object> result = new HashMap<>();
      result.put("topic", entry.getKey().topic());
      result.put("partition", entry.getKey().partition());
      result.put("error", entry.getValue().map(e -> e.getClass().getSimpleName() + ": " + e.getMessage()).orElse(null));
      results.add(result);
    }
    return Map.of("results", results);
  }

  /** A clean close: the member leaves its share group; what it still holds goes back to the group. */
  Map<String, Object> close() {
    if (closed) return null;
    closed = true;
    consumer.close(Duration.ofSeconds(10));
    return null;
  }

  static String key(String topic, int partition, long offset) { return topic + "/" + partition + "/" + offset; }

  /**
   * The share group as the broker describes it (state, members and what each is assigned) and the
   * share-group state of each partition: its start offset (every record below it is acknowledged
   * or archived) and its lag (records at or above it neither acknowledged nor archived).
   */
  /**
   * The request's answer. Generous: on a busy machine a host's first Admin request waits for metadata and
   * connections, and a share group's first reading waits for the broker's share-group state topic.
   */
  static <T> T answered(String request, KafkaFuture<T> future) throws Exception {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(request + " had no answer within 30 s; is the broker overloaded or gone?", e);
    }
  }

  static Map<String, Object> describe(Admin admin, String groupId) throws Exception {
    ShareGroupDescription group;
    try {
      group = answered("describeShareGroups", admin.describeShareGroups(List.of(groupId)).all()).get(groupId);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) return Map.of("state", "Dead", "members", List.of(), "partitions", List.of());
      throw e;
    }
    List<Map<String, Object>> members = new ArrayList<>();
    for (ShareMemberDescription m : group.members()) {
      members.add(Map.of("memberId", m.consumerId(), "clientId", m.clientId(), "assignment", ConsumerHost.partitions(m.assignment().topicPartitions())));
    }
    Map<TopicPartition, SharePartitionOffsetInfo> state =
        answered("listShareGroupOffsets", admin.listShareGroupOffsets(Map.of(groupId, new ListShareGroupOffsetsSpec())).partitionsToOffsetInfo(groupId));
    List<Map<String, Object>> offsets = new ArrayList<>();
    for (TopicPartition tp : state.keySet().stream().sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)).toList()) {
      SharePartitionOffsetInfo info = state.get(tp);
      Map<String, Object> entry = new HashMap<>();
      entry.put("topic", tp.topic());
      entry.put("partition", tp.partition());
      entry.put("startOffset", info == null ? null : info.startOffset());
      entry.put("lag", info == null ? null : info.lag().orElse(null));
      offsets.add(entry);
    }
    return Map.of("state", group.groupState().toString(), "members", members, "partitions", offsets);
  }
}
