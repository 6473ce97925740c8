import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Kafka's own Java consumer, many instances in one JVM, driven by JSON lines.
 * Run as `java -cp '<kafka libs>/*' ConsumerHost.java serve|stdio`.
 *
 * `serve`: listens on a loopback port and prints "@@ ready <port>"; each connection first sends
 * the secret it was given in KAFKA_PROOFS_HOST_SECRET, then is a session of its own. `stdio`: one
 * session on stdin/stdout, for a consumer that is to be killed with its JVM (a crash that sends no
 * LeaveGroup). In both modes the JVM exits the moment stdin closes, as it does however its owner ends.
 *
 * A request is {"id", "op", ...}; its answer {"id", "ok": true, ...} or {"id", "error"}. Each consumer
 * polls on a thread of its own, and everything it is asked to do runs on that thread between polls
 * (a KafkaConsumer may be used by one thread only). It reports each poll ("polled": the records and
 * the member id), each assignment it is given ("assigned") and each it gives up ("revoked"), in order, on its session.
 * Members of share groups (KafkaShareConsumer, the "share-" ops) are in ShareMember.java.
 * A session's consumers are closed when the session ends.
 */
public class ConsumerHost {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration POLL = Duration.ofMillis(50);
  /** Whether any session asked anything: a host that served nothing has loaded too few classes for its class archive to be worth keeping. */
  static volatile boolean served = false;

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    // stdout carries the protocol; the clients' logging goes to stderr.
    System.setOut(System.err);
    if (args.length > 0 && args[0].equals("stdio")) {
      out.println("@@ ready");
      out.flush();
      new Session(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out).run();
      System.exit(0);
    }
    String secret = System.getenv("KAFKA_PROOFS_HOST_SECRET");
    if (secret == null || secret.isEmpty()) throw new IllegalStateException("KAFKA_PROOFS_HOST_SECRET is not set");
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread stdin = new Thread(() -> {
      try { while (System.in.read() >= 0) { /* only its end matters */ } } catch (IOException closed) { /* the same */ }
      if (!served) {
        out.println("@@ idle");
        out.flush();
      }
      System.exit(0);
    });
    stdin.setDaemon(true);
    stdin.start();
    out.println("@@ ready " + server.getLocalPort());
    out.flush();
    for (;;) {
      Socket socket = server.accept();
      Thread session = new Thread(() -> {
        try (socket) {
          BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
          if (!secret.equals(in.readLine())) return;
          new Session(in, new PrintStream(socket.getOutputStream(), false, StandardCharsets.UTF_8)).run();
        } catch (IOException gone) { /* the session is over */ }
      });
      session.setDaemon(true);
      session.start();
    }
  }

  static class Session {
    final BufferedReader in;
    final PrintStream out;
    final Map<String, Member> members = new ConcurrentHashMap<>();
    final Map<String, ShareMember> shares = new ConcurrentHashMap<>();
    final Map<String, Admin> admins = new ConcurrentHashMap<>();
    /**
     * Where requests that wait on the broker run (making a consumer, describing a group), off the
     * thread that reads requests: a describe is not held up behind a consumer being made.
     */
    final ExecutorService blocking = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "session-request");
      thread.setDaemon(true);
      return thread;
    });

    Session(BufferedReader in, PrintStream out) { this.in = in; this.out = out; }

    synchronized void send(Map<String, Object> message) {
      try { out.println(JSON.writeValueAsString(message)); } catch (IOException e) { throw new UncheckedIOException(e); }
      out.flush();
    }

    void run() throws IOException {
      try {
        for (String line; (line = in.readLine()) != null; ) {
          @SuppressWarnings("unchecked") Map<String, Object> request = JSON.readValue(line, Map.class);
          handle(request);
        }
      } finally {
        // Its owner is gone: each consumer closes (and leaves its group) on its own thread.
        for (Member member : members.values()) {
          member.resume();
          member.ask(member::close);
        }
        for (ShareMember share : shares.values()) share.ask(share::close);
        for (Admin admin : admins.values()) admin.close(Duration.ofSeconds(2));
        blocking.shutdown();
      }
    }

    static SeverableSelectorProvider severable() {
      SeverableSelectorProvider provider = SeverableSelectorProvider.installed();
      if (provider == null) throw new IllegalStateException("this JVM was not started with SeverableSelectorProvider: its connections cannot be cut");
      return provider;
    }

    void handle(Map<String, Object> request) {
      served = true;
      Object id = request.get("id");
      String op = (String) request.get("op");
      CompletableFuture<Map<String, Object>> answer;
      try {
        String bootstrap = (String) request.get("bootstrap"), groupId = (String) request.get("groupId");
        answer = switch (op) {
          // Made and described off this thread: a request that waits on the broker must not hold up the others.
          case "create" -> CompletableFuture.supplyAsync(() -> create(request), blocking);
          case "commit" -> { Member member = member(request); yield member.ask(() -> member.commit(offsets(request.get("offsets")))); }
          case "pause" -> { Member member = member(request); yield member.ask(member::pause); }
          // Not between polls: a stall is armed from outside the loop, and a stalled loop runs no task until it resumes.
          case "stall" -> { member(request).stallArmed = true; yield CompletableFuture.completedFuture(null); }
          case "resume" -> { member(request).resume(); yield CompletableFuture.completedFuture(null); }
          case "close" -> { Member member = member(request); yield member.ask(member::close); }
          case "describe" -> CompletableFuture.supplyAsync(() -> describe(bootstrap, groupId), blocking);
          case "group-config" -> CompletableFuture.supplyAsync(() -> setGroupConfigs(bootstrap, groupId, (Map<?, ?>) request.get("configs")), blocking);
          case "share-create" -> createShare(request);
          case "share-acknowledge" -> { ShareMember share = share(request); yield share.ask(() -> share.acknowledge((List<?>) request.get("acknowledgements"))); }
          case "share-close" -> { ShareMember share = share(request); yield share.ask(share::close); }
          // Every connection of this JVM, whoever's: only a JVM that hosts one member is cut off alone.
          case "sever" -> CompletableFuture.completedFuture(Map.of("reset", severable().sever()));
          case "restore" -> { severable().restore(); yield CompletableFuture.completedFuture(null); }
          case "produce" -> CompletableFuture.supplyAsync(() -> {
            try {
              return BulkProducer.produce(bootstrap, (String) request.get("topic"), ((Number) request.get("count")).intValue(), ((Number) request.get("partitions")).intValue(),
                  ((Number) request.get("valueBytes")).intValue(), ((Number) request.get("first")).longValue());
            } catch (Exception e) { throw new CompletionException(e); }
          }, blocking);
          case "share-describe" -> CompletableFuture.supplyAsync(() -> {
            try { return ShareMember.describe(admin(bootstrap), groupId); } catch (Exception e) { throw new CompletionException(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e); }
          }, blocking);
          default -> throw new IllegalArgumentException("unknown op " + op);
        };
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      answer.whenComplete((fields, error) -> {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", id);
        if (error != null) {
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          reply.put("error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } else {
          reply.put("ok", true);
          if (fields != null) reply.putAll(fields);
        }
        send(reply);
      });
    }

    Member member(Map<String, Object> request) {
      Member member = members.get((String) request.get("consumer"));
      if (member == null) throw new IllegalArgumentException("no consumer named " + request.get("consumer"));
      return member;
    }

    ShareMember share(Map<String, Object> request) {
      ShareMember share = shares.get((String) request.get("consumer"));
      if (share == null) throw new IllegalArgumentException("no share consumer named " + request.get("consumer"));
      return share;
    }

    CompletableFuture<Map<String, Object>> createShare(Map<String, Object> request) {
      String name = (String) request.get("consumer");
      if (members.containsKey(name) || shares.containsKey(name)) throw new IllegalArgumentException("a consumer named " + name + " exists already");
      @SuppressWarnings("unchecked") List<String> topics = (List<String>) request.get("topics");
      ShareMember share = new ShareMember(this, name, (String) request.get("bootstrap"), (String) request.get("groupId"), topics, (Number) request.get("recordsPerPoll"));
      shares.put(name, share);
      share.thread.start();
      return CompletableFuture.completedFuture(null);
    }

    /** Sets configs of a group (ConfigResource.Type.GROUP): they hold for every member, and only the Admin API sets them. */
    Map<String, Object> setGroupConfigs(String bootstrap, String groupId, Map<?, ?> configs) {
      List<AlterConfigOp> ops = new ArrayList<>();
      for (Map.Entry<?, ?> entry : configs.entrySet()) ops.add(new AlterConfigOp(new ConfigEntry((String) entry.getKey(), String.valueOf(entry.getValue())), AlterConfigOp.OpType.SET));
      ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
      // Generous: on a busy machine the first request of a host's Admin client waits for its metadata and connections.
      try { admin(bootstrap).incrementalAlterConfigs(Map.of(group, ops)).all().get(30, TimeUnit.SECONDS); }
      catch (Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof TimeoutException ? "no answer within 30 s" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        throw new IllegalStateException("could not set " + configs.keySet() + " on group " + groupId + " (" + why + ")", cause);
      }
      awaitGroupConfigs(bootstrap, group, ops);
      return null;
    }

    /**
     * The controller acknowledges a config change once it is in the metadata log; a broker applies it when it replays
     * that log. A share consumer that fetches in between meets a group still at the default start (latest) and never
     * sees what was produced before, so wait until the broker describes the group with every value set.
     */
    private void awaitGroupConfigs(String bootstrap, ConfigResource group, List<AlterConfigOp> ops) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String seen = "nothing";
      while (System.nanoTime() < deadline) {
        try {
          Config described = admin(bootstrap).describeConfigs(List.of(group)).values().get(group).get(10, TimeUnit.SECONDS);
          boolean all = true;
          StringBuilder shown = new StringBuilder();
          for (AlterConfigOp op : ops) {
            ConfigEntry entry = described.get(op.configEntry().name());
            String value = entry == null ? null : entry.value();
            shown.append(op.configEntry().name()).append('=').append(value).append(' ');
            if (!op.configEntry().value().equals(value)) all = false;
          }
          if (all) return;
          seen = shown.toString().trim();
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for group " + group.name() + "'s configs", e);
        } catch (Exception e) {
          seen = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
      }
      throw new IllegalStateException("the broker did not describe group " + group.name() + " with its new configs within 30 s; last seen: " + seen);
    }

    Admin admin(String bootstrap) {
      return admins.computeIfAbsent(bootstrap, b -> Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, b, AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "10")));
    }

    Map<String, Object> create(Map<String, Object> request) {
      String name = (String) request.get("consumer"), bootstrap = (String) request.get("bootstrap"), groupId = (String) request.get("groupId");
      String protocol = (String) request.get("protocol");
      if (members.containsKey(name) || shares.containsKey(name)) throw new IllegalArgumentException("a consumer named " + name + " exists already");
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
      config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      // Asked for: the client then commits, on a poll once the interval has passed, the positions of what earlier polls returned.
      Object autoCommitInterval = request.get("autoCommitIntervalMs");
      if (autoCommitInterval != null) {
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        config.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, autoCommitInterval.toString());
        CommitReporter.listen(config, offsets -> send(Map.of("event", "committed", "consumer", name, "offsets", committed(offsets))));
      }
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, (String) request.get("reset"));
      // Said outright: the Java client's default is read_uncommitted, kafkajs' read_committed, and a proof's readers are the same in every cell.
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, Boolean.TRUE.equals(request.get("readUncommitted")) ? "read_uncommitted" : "read_committed");
      config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      // A fetch returns after 50 ms when nothing is new, as for kafkajs: a drained consumer stays responsive.
      config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
      config.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, "50");
      // A static member (KIP-345): one that comes back with the same instance id takes its old place.
      if (request.get("groupInstanceId") != null) config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, (String) request.get("groupInstanceId"));
      if (request.get("maxPollIntervalMs") != null) config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, request.get("maxPollIntervalMs").toString());
      Object assignor = request.get("assignor");
      if (assignor != null) {
        // The members choose the assignor on the classic protocol only: on the consumer protocol the broker assigns.
        if (!protocol.equals("classic")) throw new IllegalArgumentException("the " + assignor + " assignor is for the classic protocol; " + name + " speaks " + protocol);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, switch ((String) assignor) {
          case "range" -> RangeAssignor.class.getName();
          case "cooperative-sticky" -> CooperativeStickyAssignor.class.getName();
          default -> throw new IllegalArgumentException("no assignor named " + assignor);
        });
      }
      Object sessionTimeout = request.get("sessionTimeoutMs"), heartbeat = request.get("heartbeatIntervalMs");
      if (protocol.equals("classic")) {
        // The classic protocol's timings are the member's; the consumer protocol's are the group's (below).
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, heartbeat == null ? "100" : heartbeat.toString());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeout == null ? "6000" : sessionTimeout.toString());
      } else {
        // The consumer protocol's timings are group configs, set before the member joins.
        Map<String, String> timings = new HashMap<>();
        if (sessionTimeout != null) timings.put("consumer.session.timeout.ms", sessionTimeout.toString());
        if (heartbeat != null) timings.put("consumer.heartbeat.interval.ms", heartbeat.toString());
        if (!timings.isEmpty()) setGroupConfigs(bootstrap, groupId, timings);
      }
      @SuppressWarnings("unchecked") List<String> topics = (List<String>) request.get("topics");
      Member member = new Member(this, name, new KafkaConsumer<>(config), topics, Boolean.TRUE.equals(request.get("offsetsOnly")));
      members.put(name, member);
      member.thread.start();
      return null;
    }

    Map<String, Object> describe(String bootstrap, String groupId) {
      try {
        ConsumerGroupDescription group = admin(bootstrap).describeConsumerGroups(List.of(groupId)).all().get(10, TimeUnit.SECONDS).get(groupId);
        List<Map<String, Object>> described = new ArrayList<>();
        for (MemberDescription m : group.members()) {
          Map<String, Object> member = new HashMap<>(Map.of("memberId", m.consumerId(), "clientId", m.clientId(), "host", m.host(), "assignment", partitions(m.assignment().topicPartitions())));
          // The consumer protocol's own: where the member is (its epoch) and where the broker's assignor means it to be.
          m.memberEpoch().ifPresent(epoch -> member.put("memberEpoch", epoch));
          m.targetAssignment().ifPresent(target -> member.put("targetAssignment", partitions(target.topicPartitions())));
          described.add(member);
        }
        Map<String, Object> answer = new HashMap<>(Map.of("state", group.groupState().toString(), "members", described, "protocol", group.type().toString().toLowerCase(Locale.ROOT)));
        if (group.partitionAssignor() != null && !group.partitionAssignor().isEmpty()) answer.put("assignor", group.partitionAssignor());
        group.groupEpoch().ifPresent(epoch -> answer.put("groupEpoch", epoch));
        group.targetAssignmentEpoch().ifPresent(epoch -> answer.put("assignmentEpoch", epoch));
        return answer;
      } catch (ExecutionException e) {
        // A group the coordinator does not know (not yet joined, or gone) is described as kafkajs and the
        // consumer-groups tool describe it: Dead, with no members. Kafka 4 answers GroupIdNotFoundException.
        if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) return Map.of("state", "Dead", "members", List.of(), "protocol", "consumer");
        throw new CompletionException(e.getCause() != null ? e.getCause() : e);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }
  }

  static Map<TopicPartition, OffsetAndMetadata> offsets(Object list) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    for (Object o : (List<?>) list) {
      Map<?, ?> entry = (Map<?, ?>) o;
      offsets.put(new TopicPartition((String) entry.get("topic"), ((Number) entry.get("partition")).intValue()), new OffsetAndMetadata(((Number) entry.get("offset")).longValue()));
    }
    return offsets;
  }

  static List<Map<String, Object>> committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    List<Map<String, Object>> list = new ArrayList<>();
    offsets.forEach((tp, at) -> list.add(Map.of("topic", tp.topic(), "partition", tp.partition(), "offset", at.offset())));
    return list;
  }

  /**
   * Tells the session of every commit the broker accepted from a consumer, auto-commits included, which nothing
   * else reports: Kafka's client calls its interceptors' onCommit after each (both protocols). The client makes
   * the interceptor itself, from its class, so the report is found by a key in the consumer's config.
   */
  public static class CommitReporter implements ConsumerInterceptor<String, String> {
    static final String KEY = "kafka.proofs.commit.reporter";
    static final Map<String, java.util.function.Consumer<Map<TopicPartition, OffsetAndMetadata>>> WAITING = new ConcurrentHashMap<>();
    java.util.function.Consumer<Map<TopicPartition, OffsetAndMetadata>> report = offsets -> { };

    static void listen(Map<String, Object> config, java.util.function.Consumer<Map<TopicPartition, OffsetAndMetadata>> report) {
      String key = UUID.randomUUID().toString();
      WAITING.put(key, report);
      config.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, List.of(CommitReporter.class));
      config.put(KEY, key);
    }

    @Override public void configure(Map<String, ?> configs) {
      java.util.function.Consumer<Map<TopicPartition, OffsetAndMetadata>> found = WAITING.remove(String.valueOf(configs.get(KEY)));
      if (found != null) report = found;
    }

    @Override public ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> records) { return records; }

    @Override public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) { report.accept(offsets); }

    @Override public void close() { }
  }

  /** A record as the session's events carry it (a mutable map: a share member adds its delivery count). */
  static Map<String, Object> record(ConsumerRecord<String, String> r) {
    Map<String, Object> record = new HashMap<>();
    record.put("topic", r.topic());
    record.put("partition", r.partition());
    record.put("offset", r.offset());
    record.put("key", r.key());
    record.put("value", r.value());
    return record;
  }

  static List<Map<String, Object>> partitions(Collection<TopicPartition> partitions) {
    List<Map<String, Object>> list = new ArrayList<>();
    partitions.stream().sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
        .forEach(tp -> list.add(Map.of("topic", tp.topic(), "partition", tp.partition())));
    return list;
  }

  /** One consumer and the thread that polls it; every call on it runs there, between polls. */
  static class Member implements ConsumerRebalanceListener {
    final Session session;
    final String name;
    final boolean offsetsOnly;
    final KafkaConsumer<String, String> consumer;
    final List<String> topics;
    final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    final Set<TopicPartition> owned = new HashSet<>();
    final Thread thread;
    volatile boolean closed;
    boolean paused;
    /** Set from outside: the next poll that returns records is the last until `resume`. */
    volatile boolean stallArmed;
    final CountDownLatch resumed = new CountDownLatch(1);

    Member(Session session, String name, KafkaConsumer<String, String> consumer, List<String> topics, boolean offsetsOnly) {
      this.offsetsOnly = offsetsOnly;
      this.session = session;
      this.name = name;
      this.consumer = consumer;
      this.topics = topics;
      this.thread = new Thread(this::loop, "consumer-" + name);
      this.thread.setDaemon(true);
    }

    CompletableFuture<Map<String, Object>> ask(Runnable task) {
      CompletableFuture<Map<String, Object>> done = new CompletableFuture<>();
      if (closed) return CompletableFuture.failedFuture(new IllegalStateException(name + " is closed"));
      tasks.add(() -> {
        try { task.run(); done.complete(null); } catch (RuntimeException e) { done.completeExceptionally(e); }
      });
      return done;
    }

    void loop() {
      try {
        consumer.subscribe(topics, this);
        while (!closed) {
          for (Runnable task; (task = tasks.poll()) != null; ) task.run();
          if (closed) break;
          ConsumerRecords<String, String> records = consumer.poll(POLL);
          if (offsetsOnly) {
            session.send(Map.of("event", "polled", "consumer", name, "memberId", memberId(), "records", List.of(), "offsets", offsetsOf(records), "positioned", positioned()));
            continue;
          }
          List<Map<String, Object>> list = new ArrayList<>();
          for (ConsumerRecord<String, String> r : records) list.add(record(r));
          session.send(Map.of("event", "polled", "consumer", name, "memberId", memberId(), "records", list, "positioned", positioned()));
          if (stallArmed && !list.isEmpty()) stall(list.get(list.size() - 1));
        }
      } catch (Exception e) {
        if (!closed) session.send(Map.of("event", "failed", "consumer", name, "error", e.getClass().getSimpleName() + ": " + e.getMessage()));
      } finally {
        closed = true;
        for (Runnable task; (task = tasks.poll()) != null; ) task.run();
      }
    }

    /** Only the offsets, per partition in arrival order: a run of a million records is recorded as ranges, and keys and values would only be parsed to be dropped. */
    static List<Map<String, Object>> offsetsOf(ConsumerRecords<String, String> records) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (TopicPartition tp : records.partitions()) {
        List<Long> offsets = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records.records(tp)) offsets.add(r.offset());
        list.add(Map.of("topic", tp.topic(), "partition", tp.partition(), "offsets", offsets));
      }
      return list;
    }

    /**
     * Whether it knows where to read every partition it owns: a poll before that (the start position
     * of a new group still being looked up) is no chance to receive, as a completed fetch is.
     */
    boolean positioned() {
      for (TopicPartition tp : owned) {
        try { consumer.position(tp, Duration.ZERO); } catch (RuntimeException notYet) { return false; }
      }
      return true;
    }

    String memberId() {
      try { return consumer.groupMetadata().memberId(); } catch (RuntimeException notYet) { return ""; }
    }

    void commit(Map<TopicPartition, OffsetAndMetadata> offsets) { consumer.commitSync(offsets, Duration.ofSeconds(10)); }

    /**
     * The application holds on to what the last poll returned and polls no more until `resume`. The client's own
     * threads go on (the classic heartbeat thread, the consumer protocol's background thread); it reports the
     * identity it has now, which is what a commit of its would carry.
     */
    void stall(Map<String, Object> record) throws InterruptedException {
      stallArmed = false;
      ConsumerGroupMetadata identity = consumer.groupMetadata();
      Map<String, Object> event = new HashMap<>(Map.of("event", "stalled", "consumer", name, "record", record, "memberId", identity.memberId(), "generation", identity.generationId()));
      identity.groupInstanceId().ifPresent(id -> event.put("groupInstanceId", id));
      session.send(event);
      resumed.await();
      session.send(Map.of("event", "resumed", "consumer", name));
    }

    void resume() { resumed.countDown(); }

    void pause() {
      paused = true;
      consumer.pause(consumer.assignment());
    }

    /** A clean close: the member leaves its group. */
    void close() {
      if (closed) return;
      closed = true;
      consumer.close(Duration.ofSeconds(10));
    }

    @Override public void onPartitionsRevoked(Collection<TopicPartition> partitions) { give(partitions, "revoked"); }

    @Override public void onPartitionsLost(Collection<TopicPartition> partitions) { give(partitions, "lost"); }

    /** Reports what the client gave up, as the rebalance listener was told: the eager protocol revokes everything, the others only what moves. */
    void give(Collection<TopicPartition> partitions, String how) {
      owned.removeAll(partitions);
      if (!partitions.isEmpty()) session.send(Map.of("event", "revoked", "consumer", name, "how", how, "partitions", partitions(partitions), "assignment", partitions(owned)));
    }

    @Override public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      owned.addAll(partitions);
      // A paused member stays paused across a rebalance, as a paused topic does in kafkajs.
      if (paused) consumer.pause(partitions);
      session.send(Map.of("event", "assigned", "consumer", name, "memberId", memberId(), "assignment", partitions(owned)));
    }
  }
}
