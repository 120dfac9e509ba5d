package io.pushback.app;

import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds what the container binds under a JNDI name. The standard lookup asks {@link
 * InitialContext}; where there is no naming service (the embedded launcher, a Jetty base without
 * the {@code ee10-plus} module) or nothing bound under the name, the answer is empty.
 */
@FunctionalInterface
public interface DataSourceLookup {
  /** The object bound under {@code name}, or empty when the container binds nothing there. */
  Optional<Object> find(String name);

  /** The container's JNDI naming service, as seen from the calling thread (the webapp's). */
  static DataSourceLookup jndi() {
    return name -> {
      try {
        InitialContext context = new InitialContext();
        try {
          return Optional.ofNullable(context.lookup(name));
        } finally {
          context.close();
        }
      } catch (NamingException notOffered) {
        // NoInitialContextException, NameNotFoundException: the container offers nothing there.
        return Optional.empty();
      }
    };
  }

  /** A lookup that never finds anything: always the pool from the settings. */
  static DataSourceLookup none() {
    return name -> Optional.empty();
  }
}
