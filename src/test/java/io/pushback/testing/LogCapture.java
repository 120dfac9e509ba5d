package io.pushback.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.logging.JettyLevel;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.JettyLoggerFactory;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged through SLF4J (Jetty's SLF4J provider, as the embedded server uses)
 * while still printing it, with Pushback's own loggers at DEBUG so that the capture sees the most
 * detailed lines.
 */
public final class LogCapture implements AutoCloseable {
  private final StdErrAppender appender;
  private final PrintStream original;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private LogCapture(StdErrAppender appender) {
    this.appender = appender;
    this.original = appender.getStream();
    // Jetty's appender prints to System.err while its stream is unset.
    OutputStream printed = original != null ? original : System.err;
    appender.setStream(new PrintStream(new Tee(printed, captured), true, StandardCharsets.UTF_8));
  }

  /** Starts capturing; {@link #close()} stops. */
  public static LogCapture start() {
    JettyLoggerFactory factory = (JettyLoggerFactory) LoggerFactory.getILoggerFactory();
    JettyLogger pushback = factory.getJettyLogger("io.pushback");
    pushback.setLevel(JettyLevel.DEBUG);
    return new LogCapture((StdErrAppender) pushback.getAppender());
  }

  /** Everything logged so far. */
  public synchronized String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    appender.setStream(original);
  }

  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
