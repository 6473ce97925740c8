import java.io.*;
import java.lang.reflect.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.*;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommandOptions;

/**
 * Kafka's own `kafka-consumer-groups --describe`, kept running to answer many questions.
 * Run as `java -cp '<kafka libs>/*' GroupToolServer.java <bootstrap>`. A line on stdin holds a
 * bootstrap address (empty: the one above) and group ids, tab-separated. For each group it
 * prints "@@ group <group>" and then exactly what `kafka-consumer-groups --bootstrap-server
 * <bootstrap> --describe --group <group>` prints; "@@ end" ends the answer. It says "@@ ready"
 * once it can answer, and exits the moment stdin closes, as it does however its owner ends.
 *
 * Why not `ConsumerGroupCommand.run` per request: it builds an admin client each time
 * (~150 ms), and in Kafka 4 one group that does not exist fails the whole command, hiding
 * the others. So the tool's ConsumerGroupService is built once per broker, and each group
 * goes through the two steps of its describeGroups(): collectGroupsOffsets, printOffsets.
 * They are package-private, hence reflection (the jars are on the class path, not modules).
 */
public class GroupToolServer {
  static final Map<String, Object> services = new HashMap<>();
  static Constructor<?> newService;
  static Method collectGroupsOffsets, printOffsets;

  public static void main(String[] args) throws Exception {
    BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    Thread stdin = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) requests.add(line);
      } catch (IOException closed) { /* as good as the end of input */ }
      System.exit(0);
    });
    stdin.setDaemon(true);
    stdin.start();
    // The answers get stdout to themselves; anything else printed (logging) goes to stderr.
    PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
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
    for (AccessibleObject member : List.of(newService, collectGroupsOffsets, printOffsets)) member.setAccessible(true);
    // Warm-up: connects and loads the classes a describe needs, so the first real answer is quick.
    describe(args[0], "group-tool-server-warm-up-" + System.nanoTime());
    answers.println("@@ ready");
    answers.flush();
    for (;;) {
      String[] fields = requests.take().split("\t");
      String bootstrap = fields[0].isEmpty() ? args[0] : fields[0];
      for (String group : Arrays.copyOfRange(fields, 1, fields.length)) {
        answers.println("@@ group " + group);
        answers.print(describe(bootstrap, group));
      }
      answers.println("@@ end");
      answers.flush();
    }
  }

  static Object service(String bootstrap) throws ReflectiveOperationException {
    if (!services.containsKey(bootstrap)) {
      // --all-groups only satisfies the options check: the groups come from each request.
      String[] options = {"--bootstrap-server", bootstrap, "--describe", "--all-groups"};
      // As `--command-config` would: the admin client asks first as for a KIP-848 group and, for a
      // classic group (kafkajs makes those), asks again after retry.backoff.ms (100 ms by default).
      services.put(bootstrap, newService.newInstance(ConsumerGroupCommandOptions.fromArgs(options), Map.of("retry.backoff.ms", "10")));
    }
    return services.get(bootstrap);
  }

  /** What the tool prints for one group, stdout and stderr together as a terminal shows them. */
  static String describe(String bootstrap, String group) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8), out = System.out, err = System.err;
    System.setOut(capture);
    System.setErr(capture);
    try {
      Object service = service(bootstrap);
      Object offsets = collectGroupsOffsets.invoke(service, List.of(group));
      if (printOffsets.getParameterCount() == 2) printOffsets.invoke(service, offsets, false); else printOffsets.invoke(service, offsets);
    } catch (Exception e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      // What ConsumerGroupCommand.run prints when a command fails (its printError, less the stack trace).
      capture.println("\nError: Executing consumer group command failed due to " + cause.getMessage());
    } finally { System.setOut(out); System.setErr(err); }
    String text = buffer.toString(StandardCharsets.UTF_8);
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n"; // the next "@@" line starts a line of its own
  }
}
