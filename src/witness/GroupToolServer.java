import java.io.*;
import java.lang.reflect.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.*;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommandOptions;

/**
 * Kafka's own `kafka-consumer-groups --describe`, kept running to answer many questions, and
 * `kafka-share-groups --describe` for share groups (KIP-932, Kafka 4), and
 * `kafka-consumer-groups --reset-offsets --dry-run` for the resets a proof makes.
 * Run as `java -cp '<kafka libs>/*' GroupToolServer.java <bootstrap>`. A line on stdin holds a
 * request id, the kind of group ("consumer" or "share"), a bootstrap address (empty: the one above),
 * client properties for a broker that needs SASL/TLS ("key=value" entries separated by U+001F, as
 * `--command-config` would give them; empty: none) and group ids, tab-separated. For each group the answer has "@@ group <group>" and then exactly
 * what `kafka-consumer-groups --bootstrap-server <bootstrap> --describe --group <group>` (or
 * `kafka-share-groups`) prints; "@@ end <id>" ends it. It
 * says "@@ ready" once it can answer. "@@ close" ends it cleanly; the end of stdin without it
 * means its owner is gone, and it halts at once.
 *
 * Requests are answered side by side, each on a thread of its own, and each answer is written
 * whole: one request waiting on an unreachable broker holds up no other.
 *
 * Why not `ConsumerGroupCommand.run` per request: it builds an admin client each time
 * (~150 ms), and in Kafka 4 one group that does not exist fails the whole command, hiding
 * the others. So the tool's ConsumerGroupService is built once for the run's broker, and each
 * group goes through the two steps of its describeGroups(): collectGroupsOffsets, printOffsets.
 * They are package-private, hence reflection (the jars are on the class path, not modules).
 * ShareGroupCommand's ShareGroupService is used the same way, found by name: 3.9's jars have no
 * such tool, and the source must compile against both lines.
 */
public class GroupToolServer {
  static final String CLOSE = "@@ close";
  /** What the tool prints on a request's thread; on any other thread (the admin clients' own), output goes to stderr. */
  static final ThreadLocal<PrintStream> captured = new ThreadLocal<>();
  static Constructor<?> newService;
  static Method collectGroupsOffsets, printOffsets, resetOffsets;
  static Object ownService;
  static String runBroker;
  /** The share-group tool's, made on the first request about share groups. */
  static Constructor<?> newShareService;
  static Method collectShareOffsets, printShareOffsets;
  static Object ownShareService;

  public static void main(String[] args) throws Exception {
    BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    // Started first, so an owner gone while this JVM starts is noticed as soon as it can be.
    Thread stdin = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.equals(CLOSE)) System.exit(0); // a clean exit, which writes the class archive if one is due
          requests.add(line);
        }
      } catch (IOException closed) { /* as good as the end of input */ }
      Runtime.getRuntime().halt(0); // the owner is gone: no shutdown hooks, nothing to wait for (a first run still writes its class archive)
    });
    stdin.setDaemon(true);
    stdin.start();
    PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream stderr = System.err;
    PrintStream byThread = new PrintStream(new OutputStream() {
      OutputStream target() { PrintStream capture = captured.get(); return capture != null ? capture : stderr; }
      @Override public void write(int b) throws IOException { target().write(b); }
      @Override public void write(byte[] b, int off, int len) throws IOException { target().write(b, off, len); }
      @Override public void flush() throws IOException { target().flush(); }
    }, true, StandardCharsets.UTF_8);
    System.setOut(byThread);
    System.setErr(byThread);
    // The tool calls Exit.exit on bad arguments; that must fail one answer, not end the server.
    // Kafka 4 keeps Exit in utils.internals, 3.9 in utils: found by name, as the source must compile against both.
    Class<?> exit, procedure;
    try { exit = Class.forName("org.apache.kafka.common.utils.internals.Exit"); } catch (ClassNotFoundException kafka3) { exit = Class.forName("org.apache.kafka.common.utils.Exit"); }
    procedure = Class.forName(exit.getName() + "$Procedure");
    exit.getMethod("setExitProcedure", procedure).invoke(null, Proxy.newProxyInstance(procedure.getClassLoader(), new Class<?>[] {procedure},
        (proxy, method, a) -> { throw new IllegalStateException("the tool asked to exit (" + a[0] + "): " + a[1]); }));
    Class<?> serviceClass = Class.forName("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand$ConsumerGroupService");
    newService = serviceClass.getDeclaredConstructor(ConsumerGroupCommandOptions.class, Map.class);
    collectGroupsOffsets = serviceClass.getDeclaredMethod("collectGroupsOffsets", Collection.class);
    // printOffsets(Map, boolean verbose) in Kafka 4, printOffsets(Map) in 3.9.
    try { printOffsets = serviceClass.getDeclaredMethod("printOffsets", Map.class, boolean.class); } catch (NoSuchMethodException kafka3) { printOffsets = serviceClass.getDeclaredMethod("printOffsets", Map.class); }
    resetOffsets = serviceClass.getDeclaredMethod("resetOffsets");
    for (AccessibleObject member : List.of(newService, collectGroupsOffsets, printOffsets, resetOffsets)) member.setAccessible(true);
    // Warm-up: connects and loads the classes a describe needs, so the first real answer is quick.
    runBroker = args[0];
    ownService = newService(runBroker, Map.of());
    describe(ownService, "group-tool-server-warm-up-" + System.nanoTime(), false);
    answers.println("@@ ready");
    answers.flush();
    ExecutorService workers = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "group-tool-request");
      thread.setDaemon(true);
      return thread;
    });
    for (;;) {
      String[] fields = requests.take().split("\t", -1);
      workers.execute(() -> {
        String answer;
        try {
          List<String> rest = Arrays.asList(fields).subList(4, fields.length);
          answer = fields[1].equals("reset") ? dryRuns(fields[2], properties(fields[3]), rest) : answer(fields[1].equals("share"), fields[2], properties(fields[3]), rest);
        } catch (RuntimeException e) { // a malformed line, or a tool bug: this answer says so, and the server goes on
          answer = failed(e);
        }
        synchronized (answers) {
          answers.print(answer);
          answers.println("@@ end " + fields[0]);
          answers.flush();
        }
      });
    }
  }

  /** "key=value" entries separated by U+001F, in order. */
  static Map<String, String> properties(String field) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String entry : field.split("\u001f")) {
      int equals = entry.indexOf('=');
      if (equals > 0) properties.put(entry.substring(0, equals), entry.substring(equals + 1));
    }
    return properties;
  }

  /** Every group's section; another broker than the run's, or other client properties, get an admin client for this request only. */
  static String answer(boolean share, String bootstrap, Map<String, String> properties, List<String> groups) {
    StringBuilder text = new StringBuilder();
    Object own = null, service = null;
    Exception unusable = null;
    try {
      own = share ? ownShareService() : ownService;
      String broker = bootstrap.isEmpty() ? runBroker : bootstrap;
      service = bootstrap.isEmpty() && properties.isEmpty() ? own : share ? newShareService(broker, properties) : newService(broker, properties);
    } catch (Exception e) { unusable = e; }
    try {
      for (String group : groups) text.append("@@ group ").append(group).append('\n').append(unusable == null ? describe(service, group, share) : failed(unusable));
    } finally {
      if (service != own && unusable == null) {
        try { ((AutoCloseable) service).close(); } catch (Exception e) { System.err.println("closing the admin client for " + bootstrap + ": " + e); }
      }
    }
    return text.toString();
  }

  static Object newService(String bootstrap, Map<String, String> properties) throws ReflectiveOperationException {
    // --all-groups only satisfies the options check: the groups come from each request.
    String[] options = {"--bootstrap-server", bootstrap, "--describe", "--all-groups"};
    // As `--command-config` would: the admin client asks first as for a KIP-848 group and, for a
    // classic group (kafkajs makes those), asks again after retry.backoff.ms (100 ms by default).
    return newService.newInstance(ConsumerGroupCommandOptions.fromArgs(options), clientConfig(properties));
  }

  /** The share-group tool's service for the run's broker, made once. */
  static synchronized Object ownShareService() throws ReflectiveOperationException {
    if (ownShareService != null) return ownShareService;
    Class<?> serviceClass = Class.forName("org.apache.kafka.tools.consumer.group.ShareGroupCommand$ShareGroupService");
    Class<?> optionsClass = Class.forName("org.apache.kafka.tools.consumer.group.ShareGroupCommandOptions");
    newShareService = serviceClass.getDeclaredConstructor(optionsClass, Map.class);
    collectShareOffsets = serviceClass.getDeclaredMethod("collectGroupsOffsets", Collection.class);
    printShareOffsets = serviceClass.getDeclaredMethod("printOffsets", TreeMap.class, boolean.class);
    for (AccessibleObject member : List.of(newShareService, collectShareOffsets, printShareOffsets)) member.setAccessible(true);
    return ownShareService = newShareService(runBroker, Map.of());
  }

  /** The admin client's settings: a short retry backoff, and the request's client properties. */
  static Map<String, String> clientConfig(Map<String, String> properties) {
    Map<String, String> config = new HashMap<>(properties);
    config.put("retry.backoff.ms", "10");
    return config;
  }

  static Object newShareService(String bootstrap, Map<String, String> properties) throws ReflectiveOperationException {
    Class<?> optionsClass = newShareService.getParameterTypes()[0];
    Object options = optionsClass.getConstructor(String[].class).newInstance((Object) new String[] {"--bootstrap-server", bootstrap, "--describe", "--all-groups"});
    return newShareService.newInstance(options, clientConfig(properties));
  }

  /**
   * A request of kind "reset": each field after the client properties is one dry run, its arguments (the group,
   * the topic, the target) separated by U+001F. Each answer is "@@ reset <n>", then what the tool reports: its
   * table of new offsets, or its error. One tool service (one admin client) per dry run, as the options carry the
   * target; all in this JVM, so a proof's dry runs cost no JVM start.
   */
  static String dryRuns(String bootstrap, Map<String, String> properties, List<String> runs) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < runs.size(); i++) {
      text.append("@@ reset ").append(i).append('\n').append(dryRun(bootstrap.isEmpty() ? runBroker : bootstrap, properties, runs.get(i).split("\u001f")));
    }
    return text.toString();
  }

  /** `kafka-consumer-groups --bootstrap-server <broker> --reset-offsets --dry-run <args>`, as its table (GROUP TOPIC PARTITION NEW-OFFSET). */
  @SuppressWarnings("unchecked")
  static String dryRun(String broker, Map<String, String> properties, String[] args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    captured.set(capture);
    try {
      List<String> options = new ArrayList<>(List.of("--bootstrap-server", broker, "--reset-offsets", "--dry-run"));
      options.addAll(Arrays.asList(args));
      ConsumerGroupCommandOptions parsed = ConsumerGroupCommandOptions.fromArgs(options.toArray(new String[0]));
      // joptsimple converts a value only when it is asked for, and the service asks for the reset's after making its
      // admin client: a malformed value (--shift-by three) would fail there and leave that client open for good.
      for (joptsimple.OptionSpec<?> spec : parsed.options.specs()) parsed.options.valuesOf(spec);
      Object service = newService.newInstance(parsed, clientConfig(properties));
      try {
        // A group that is not inactive is left out of the result; the tool has printed why.
        Map<String, Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>> reset =
            (Map<String, Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>>) resetOffsets.invoke(service);
        for (Map.Entry<String, Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>> group : reset.entrySet()) {
          capture.println("\nGROUP TOPIC PARTITION NEW-OFFSET");
          group.getValue().entrySet().stream()
              .sorted(Comparator.comparing((Map.Entry<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> e) -> e.getKey().topic()).thenComparingInt(e -> e.getKey().partition()))
              .forEach(e -> capture.println(group.getKey() + " " + e.getKey().topic() + " " + e.getKey().partition() + " " + e.getValue().offset()));
        }
      } finally {
        ((AutoCloseable) service).close();
      }
    } catch (Exception e) {
      capture.print(failed(e));
    } finally { captured.remove(); }
    String text = buffer.toString(StandardCharsets.UTF_8);
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
  }

  /** What the tool prints for one group, stdout and stderr together as a terminal shows them. */
  static String describe(Object service, String group, boolean share) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    captured.set(capture);
    try {
      if (share) printShareOffsets.invoke(service, collectShareOffsets.invoke(service, List.of(group)), false);
      else {
        Object offsets = collectGroupsOffsets.invoke(service, List.of(group));
        if (printOffsets.getParameterCount() == 2) printOffsets.invoke(service, offsets, false); else printOffsets.invoke(service, offsets);
      }
    } catch (Exception e) {
      capture.print(failed(e));
    } finally { captured.remove(); }
    String text = buffer.toString(StandardCharsets.UTF_8);
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n"; // the next "@@" line starts a line of its own
  }

  /** What ConsumerGroupCommand.run prints when a command fails (its printError, less the stack trace). */
  static String failed(Exception e) {
    Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
    return "\nError: Executing consumer group command failed due to " + cause.getMessage() + "\n";
  }
}
