package io.pushback.blackbox;

import io.pushback.testing.LogCapture;
import org.eclipse.jetty.logging.JettyLoggerFactory;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link LogCapture} on an appender that has an explicit stream. Jetty's {@code
 * StdErrAppender} keeps a null stream until one is set (it then prints to {@code System.err}), and
 * {@code LogCapture} tees into the stream it finds, so without this it fails with a
 * NullPointerException on the first line logged.
 */
final class CapturedLog {
  private CapturedLog() {}

  static LogCapture start() {
    JettyLoggerFactory factory = (JettyLoggerFactory) LoggerFactory.getILoggerFactory();
    StdErrAppender appender = (StdErrAppender) factory.getJettyLogger("io.pushback").getAppender();
    if (appender.getStream() == null) {
      appender.setStream(System.err);
    }
    return LogCapture.start();
  }
}
