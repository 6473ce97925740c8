import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM's channel provider, for a JVM whose connections must be cut from inside as a pulled cable would cut them:
 * Kafka's Java clients take no socket factory, but every connection they make is a SocketChannel from this provider.
 * Installed with -Djava.nio.channels.spi.SelectorProvider=SeverableSelectorProvider (and
 * --add-exports=java.base/sun.nio.ch=ALL-UNNAMED, to reach the JDK's own provider it passes everything to). Severed,
 * it resets every connection open (SO_LINGER 0: an RST, no goodbye) and refuses every new one, until restored; the
 * clients see their connections fail and keep trying, as they would with the cable out.
 */
public final class SeverableSelectorProvider extends SelectorProvider {
  private static volatile SeverableSelectorProvider installed;
  private final SelectorProvider base;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile boolean severed;

  public SeverableSelectorProvider() {
    try {
      base = (SelectorProvider) Class.forName("sun.nio.ch.DefaultSelectorProvider").getMethod("get").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the JDK's own channel provider cannot be reached: start the JVM with --add-exports=java.base/sun.nio.ch=ALL-UNNAMED", e);
    }
    installed = this;
  }

  /** The provider, when this JVM was started with it; null otherwise. */
  static SeverableSelectorProvider installed() {
    SelectorProvider.provider();
    return installed;
  }

  /** Resets every connection open and refuses new ones; returns how many it reset. */
  int sever() {
    severed = true;
    int reset = 0;
    for (SocketChannel channel : open) {
      open.remove(channel);
      if (!channel.isOpen()) continue;
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException | UnsupportedOperationException e) {
        // Not yet connected: closing it is all there is to do.
      }
      try {
        channel.close();
        reset++;
      } catch (IOException e) {
        // Closed meanwhile by its client.
      }
    }
    return reset;
  }

  void restore() {
    severed = false;
  }

  private SocketChannel admit(SocketChannel channel) throws IOException {
    if (severed) {
      channel.close();
      throw new IOException("connection refused: this JVM's connections are cut");
    }
    open.add(channel);
    // Forgotten once closed, so a long run does not keep every channel it ever opened.
    open.removeIf(c -> !c.isOpen());
    return channel;
  }

  @Override public SocketChannel openSocketChannel() throws IOException { return admit(base.openSocketChannel()); }
  @Override public SocketChannel openSocketChannel(ProtocolFamily family) throws IOException { return admit(base.openSocketChannel(family)); }
  @Override public DatagramChannel openDatagramChannel() throws IOException { return base.openDatagramChannel(); }
  @Override public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException { return base.openDatagramChannel(family); }
  @Override public Pipe openPipe() throws IOException { return base.openPipe(); }
  @Override public AbstractSelector openSelector() throws IOException { return base.openSelector(); }
  @Override public ServerSocketChannel openServerSocketChannel() throws IOException { return base.openServerSocketChannel(); }
  @Override public ServerSocketChannel openServerSocketChannel(ProtocolFamily family) throws IOException { return base.openServerSocketChannel(family); }
  @Override public Channel inheritedChannel() throws IOException { return base.inheritedChannel(); }
}
