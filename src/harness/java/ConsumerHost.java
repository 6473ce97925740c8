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
 * the member id) and each assignment it is given ("assigned"), in order, on its session.
 * A session's consumers are closed when the session ends.
 */
public class ConsumerHost {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration POLL = Duration.ofMillis(50);

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
    final Map<String, Admin> admins = new ConcurrentHashMap<>();

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
        for (Member member : members.values()) member.ask(member::close);
        for (Admin admin : admins.values()) admin.close(Duration.ofSeconds(2));
      }
    }

    void handle(Map<String, Object> request) {
      Object id = request.get("id");
      String op = (String) request.get("op");
      CompletableFuture<Map<String, Object>> answer;
      try {
        Member member = request.containsKey("consumer") && !op.equals("create") ? members.get((String) request.get("consumer")) : null;
        if (member == null && !op.equals("create") && !op.equals("describe")) throw new IllegalArgumentException("no consumer named " + request.get("consumer"));
        answer = switch (op) {
          case "create" -> create(request);
          case "commit" -> member.ask(() -> member.commit(offsets(request.get("offsets"))));
          case "pause" -> member.ask(member::pause);
          case "close" -> member.ask(member::close);
          case "describe" -> CompletableFuture.supplyAsync(() -> describe((String) request.get("bootstrap"), (String) request.get("groupId")));
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

    Admin admin(String bootstrap) {
      return admins.computeIfAbsent(bootstrap, b -> Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, b, AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "10")));
    }

    CompletableFuture<Map<String, Object>> create(Map<String, Object> request) {
      String name = (String) request.get("consumer"), bootstrap = (String) request.get("bootstrap"), groupId = (String) request.get("groupId");
      String protocol = (String) request.get("protocol");
      if (members.containsKey(name)) throw new IllegalArgumentException("a consumer named " + name + " exists already");
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
      config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, (String) request.get("reset"));
      config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      // A fetch returns after 50 ms when nothing is new, as for kafkajs: a drained consumer stays responsive.
      config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
      config.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, "50");
      Object sessionTimeout = request.get("sessionTimeoutMs");
      if (protocol.equals("classic")) {
        // The classic protocol's timings are the member's; the consumer protocol's are the group's (below).
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "100");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeout == null ? "6000" : sessionTimeout.toString());
      } else if (sessionTimeout != null) {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
        AlterConfigOp set = new AlterConfigOp(new ConfigEntry("consumer.session.timeout.ms", sessionTimeout.toString()), AlterConfigOp.OpType.SET);
        try { admin(bootstrap).incrementalAlterConfigs(Map.of(group, List.of(set))).all().get(10, TimeUnit.SECONDS); }
        catch (Exception e) { throw new IllegalStateException("could not set consumer.session.timeout.ms on group " + groupId + ": " + e.getMessage(), e); }
      }
      @SuppressWarnings("unchecked") List<String> topics = (List<String>) request.get("topics");
      Member member = new Member(this, name, new KafkaConsumer<>(config), topics);
      members.put(name, member);
      member.thread.start();
      return CompletableFuture.completedFuture(null);
    }

    Map<String, Object> describe(String bootstrap, String groupId) {
      try {
        ConsumerGroupDescription group = admin(bootstrap).describeConsumerGroups(List.of(groupId)).all().get(10, TimeUnit.SECONDS).get(groupId);
        List<Map<String, Object>> described = new ArrayList<>();
        for (MemberDescription m : group.members()) {
          described.add(Map.of("memberId", m.consumerId(), "clientId", m.clientId(), "assignment", partitions(m.assignment().topicPartitions())));
        }
        return Map.of("state", group.groupState().toString(), "members", described);
      } catch (Exception e) {
        throw new CompletionException(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
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
    final KafkaConsumer<String, String> consumer;
    final List<String> topics;
    final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    final Set<TopicPartition> owned = new HashSet<>();
    final Thread thread;
    volatile boolean closed;
    boolean paused;

    Member(Session session, String name, KafkaConsumer<String, String> consumer, List<String> topics) {
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
          List<Map<String, Object>> list = new ArrayList<>();
          for (ConsumerRecord<String, String> r : records) {
            Map<String, Object> record = new HashMap<>();
            record.put("topic", r.topic());
            record.put("partition", r.partition());
            record.put("offset", r.offset());
            record.put("key", r.key());
            record.put("value", r.value());
            list.add(record);
          }
          session.send(Map.of("event", "polled", "consumer", name, "memberId", memberId(), "records", list, "positioned", positioned()));
        }
      } catch (Exception e) {
        if (!closed) session.send(Map.of("event", "failed", "consumer", name, "error", e.getClass().getSimpleName() + ": " + e.getMessage()));
      } finally {
        closed = true;
        for (Runnable task; (task = tasks.poll()) != null; ) task.run();
      }
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

    @Override public void onPartitionsRevoked(Collection<TopicPartition> partitions) { owned.removeAll(partitions); }

    @Override public void onPartitionsLost(Collection<TopicPartition> partitions) { owned.removeAll(partitions); }

    @Override public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      owned.addAll(partitions);
      // A paused member stays paused across a rebalance, as a paused topic does in kafkajs.
      if (paused) consumer.pause(partitions);
      session.send(Map.of("event", "assigned", "consumer", name, "memberId", memberId(), "assignment", partitions(owned)));
    }
  }
}
