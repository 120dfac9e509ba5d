package io.pushback.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's headers, looked up by the aliasing rule of {@link HeaderNames#normalize}. Every
 * header line is kept with its original spelling, so a credential sent twice, or under two
 * spellings, can be seen and refused. Immutable.
 */
public final class RequestHeaders {
  /** One header line as the sender wrote it. */
  public record Header(String name, String value) {}

  private final List<Header> lines;
  private final Map<String, List<Header>> byName;

  public RequestHeaders(List<Header> lines) {
    this.lines = List.copyOf(lines);
    Map<String, List<Header>> index = new LinkedHashMap<>();
    for (Header line : this.lines) {
      index.computeIfAbsent(HeaderNames.normalize(line.name()), k -> new ArrayList<>()).add(line);
    }
    index.replaceAll((name, list) -> List.copyOf(list));
    this.byName = Collections.unmodifiableMap(index);
  }

  /** Every line under any spelling of {@code name}, in arrival order. */
  public List<Header> all(String name) {
    return byName.getOrDefault(HeaderNames.normalize(name), List.of());
  }

  /** The single line under any spelling of {@code name}; empty when absent or repeated. */
  public Optional<Header> single(String name) {
    List<Header> found = all(name);
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /**
   * Why the request is refused for {@code names}, if it is: one of them absent, or one sent more
   * than once. Repetition of any of them outweighs absence, so a request is never told only that a
   * header is missing when it also repeats another.
   */
  public Optional<Verdict.Rejected> requireSingle(String... names) {
    boolean missing = false;
    for (String name : names) {
      int count = all(name).size();
      if (count > 1) {
        return Optional.of(Verdict.rejected(Verdict.Reason.DUPLICATED));
      }
      missing |= count == 0;
    }
    return missing ? Optional.of(Verdict.rejected(Verdict.Reason.MISSING)) : Optional.empty();
  }

  /** Every line in arrival order. */
  public List<Header> lines() {
    return lines;
  }

  /**
   * Every line, with the value of each header whose normalized name is in {@code credentialNames}
   * replaced.
   */
  public List<Header> redacted(Set<String> credentialNames, String replacement) {
    List<Header> result = new ArrayList<>(lines.size());
    for (Header line : lines) {
      boolean credential = credentialNames.contains(HeaderNames.normalize(line.name()));
      result.add(credential ? new Header(line.name(), replacement) : line);
    }
    return result;
  }
}
