package io.pushback.app;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pushback.saga.LogSaga;
import io.pushback.saga.Saga;
import io.pushback.saga.SagaRegistry;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Starts Pushback inside any Jakarta Servlet 6 container: declared in the WAR's {@code web.xml}, it
 * reads the settings (environment, system properties, then context parameters), registers the
 * built-in and {@code ServiceLoader} sagas, and adds the filter and servlets. The embedded launcher
 * and tests construct it with explicit settings and sagas instead.
 */
public final class PushbackBootstrap implements ServletContextListener {
  private final Function<ServletContext, Settings> settings;
  private final List<Saga> extraSagas;
  private final Clock clock;
  private PushbackApplication application;

  /** For {@code web.xml}: standard settings sources, no extra sagas, the system clock. */
  public PushbackBootstrap() {
    this(
        context -> SettingsLoader.standard(context::getInitParameter).load(),
        List.of(),
        Clock.systemUTC());
  }

  public PushbackBootstrap(
      Function<ServletContext, Settings> settings, List<Saga> extraSagas, Clock clock) {
    this.settings = settings;
    this.extraSagas = List.copyOf(extraSagas);
    this.clock = clock;
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    ClassLoader loader = context.getClassLoader();
    SagaRegistry.Builder sagas =
        SagaRegistry.builder()
            .register(new LogSaga(JsonMapper.builder().build()))
            .registerServiceLoaded(loader);
    extraSagas.forEach(sagas::register);
    application = PushbackApplication.start(settings.apply(context), sagas.build(), clock);
    application.register(context);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (application != null) {
      application.close();
    }
  }
}
