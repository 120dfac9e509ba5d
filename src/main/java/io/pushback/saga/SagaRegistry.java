package io.pushback.saga;

import io.pushback.auth.PushbackException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sagas this application can run, by name. Built once at start; immutable and thread-safe
 * after.
 */
public final class SagaRegistry {
  private final Map<String, Saga> sagas;

  private SagaRegistry(Map<String, Saga> sagas) {
    this.sagas = Collections.unmodifiableMap(new LinkedHashMap<>(sagas));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The saga registered as {@code name}. */
  public Optional<Saga> find(String name) {
    return Optional.ofNullable(sagas.get(name));
  }

  /** Every registered name, sorted. */
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(sagas.keySet()));
  }

  /** Collects sagas; refuses blank and duplicate names. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Saga> sagas = new LinkedHashMap<>();

    private Builder() {}

    /** Adds {@code saga}; throws if its name is blank or already taken. */
    public Builder register(Saga saga) {
      String name = saga.name();
      if (name == null || name.isBlank()) {
        throw new PushbackException("saga " + saga.getClass().getName() + " has a blank name");
      }
      Saga previous = sagas.putIfAbsent(name, saga);
      if (previous != null) {
        throw new PushbackException(
            "saga name '"
                + name
                + "' is registered twice: by "
                + previous.getClass().getName()
                + " and by "
                + saga.getClass().getName());
      }
      return this;
    }

    /**
     * Adds every saga listed in {@code META-INF/services/io.pushback.saga.Saga} visible to {@code
     * loader}.
     */
    public Builder registerServiceLoaded(ClassLoader loader) {
      ServiceLoader.load(Saga.class, loader).forEach(this::register);
      return this;
    }

    public SagaRegistry build() {
      return new SagaRegistry(sagas);
    }
  }
}
