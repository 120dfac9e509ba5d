package io.pushback.web.admin;

import io.pushback.auth.InvalidSettingException;
import io.pushback.auth.SecurityMethod;
import io.pushback.auth.SecuritySettings;
import io.pushback.auth.SignaturePreset;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the {@code security} object of an admin call into validated settings: only the fields of
 * the chosen method are accepted, and a secret left out is generated.
 */
final class SecurityInput {
  private static final String FIELD = "security";

  private final SecureRandom random;

  SecurityInput(SecureRandom random) {
    this.random = random;
  }

  /** Complete settings for a new endpoint, secrets generated where absent. */
  SecuritySettings create(JsonFields security) {
    SecurityMethod method = method(security);
    security.allowOnly(fieldsOf(method, true));
    Map<String, String> fields = strings(security);
    fields.put(SecuritySettings.METHOD, method.wireName());
    return parse(withGeneratedSecrets(method, fields, fields));
  }

  /**
   * New secrets for a rotation: given ones are kept, absent ones generated, validated with the
   * public settings.
   */
  SecuritySettings rotate(
      SecurityMethod method,
      Map<String, String> publicFields,
      JsonFields body,
      Set<String> others) {
    Set<String> known = new HashSet<>(method.secretFields());
    known.addAll(others);
    body.allowOnly(known);
    Map<String, String> given = new HashMap<>();
    for (String secret : method.secretFields()) {
      body.text(secret).ifPresent(value -> given.put(secret, value));
    }
    Map<String, String> fields = new HashMap<>(publicFields);
    fields.put(SecuritySettings.METHOD, method.wireName());
    return parse("", withGeneratedSecrets(method, fields, given));
  }

  /** The public fields after a PATCH; secrets and the method cannot change this way. */
  Map<String, String> patch(
      SecurityMethod current, Map<String, String> publicFields, JsonFields security) {
    if (security.has(SecuritySettings.METHOD) && method(security) != current) {
      throw ApiException.badRequest(
          security.name(SecuritySettings.METHOD),
          "cannot change; create a new endpoint for another method");
    }
    for (String secret : current.secretFields()) {
      if (security.has(secret)) {
        throw ApiException.badRequest(
            security.name(secret),
            "secrets change by rotation: POST /admin/api/v1/endpoints/{id}/credentials");
      }
    }
    security.allowOnly(fieldsOf(current, false));
    Map<String, String> changes = strings(security);
    changes.remove(SecuritySettings.METHOD);
    if (changes.containsKey(SecuritySettings.PRESET)) {
      // Another preset starts again from its own settings, with this call's overrides; a stand-in
      // secret lets them be validated and spelled out in full.
      Map<String, String> fields = new HashMap<>(changes);
      fields.put(SecuritySettings.METHOD, current.wireName());
      return parse(withGeneratedSecrets(current, fields, Map.of())).publicFields();
    }
    Map<String, String> merged = new HashMap<>(publicFields);
    merged.putAll(changes);
    return merged;
  }

  /**
   * The idempotency header the preset of {@code publicFields} suggests, if it names a preset that
   * has one.
   */
  static Optional<String> presetIdempotencyHeader(Map<String, String> publicFields) {
    String preset = publicFields.get(SecuritySettings.PRESET);
    if (preset == null || preset.isEmpty()) {
      return Optional.empty();
    }
    try {
      return SignaturePreset.fromSettingName(SecuritySettings.PRESET, preset).idempotencyHeader();
    } catch (InvalidSettingException e) {
      throw ApiException.badRequest(FIELD + "." + e.field(), e.problem());
    }
  }

  /** Validates {@code fields}, blaming a refused field by its path under {@code security}. */
  static SecuritySettings parse(Map<String, String> fields) {
    return parse(FIELD + ".", fields);
  }

  /** Validates {@code fields}, blaming a refused field by its name after {@code path}. */
  private static SecuritySettings parse(String path, Map<String, String> fields) {
    try {
      return SecuritySettings.parse(fields::get);
    } catch (InvalidSettingException e) {
      throw ApiException.badRequest(path + e.field(), e.problem());
    }
  }

  private Map<String, String> withGeneratedSecrets(
      SecurityMethod method, Map<String, String> fields, Map<String, String> given) {
    for (String secret : method.secretFields()) {
      String value = given.get(secret);
      fields.put(secret, value != null ? value : generated(fields));
    }
    return fields;
  }

  private String generated(Map<String, String> fields) {
    try {
      return SecuritySettings.generateSecret(fields::get, random).reveal();
    } catch (InvalidSettingException e) {
      throw ApiException.badRequest(FIELD + "." + e.field(), e.problem());
    }
  }

  private static SecurityMethod method(JsonFields security) {
    String name = security.requiredText(SecuritySettings.METHOD);
    try {
      return SecurityMethod.fromWireName(name);
    } catch (InvalidSettingException e) {
      throw ApiException.badRequest(security.name(SecuritySettings.METHOD), e.problem());
    }
  }

  private static Set<String> fieldsOf(SecurityMethod method, boolean withSecrets) {
    Set<String> fields = new HashSet<>(method.publicFields());
    fields.add(SecuritySettings.METHOD);
    if (withSecrets) {
      fields.addAll(method.secretFields());
    }
    return fields;
  }

  /** Every field as text; only the tolerance may also be given as a JSON number. */
  private static Map<String, String> strings(JsonFields object) {
    Map<String, String> values = new HashMap<>();
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      Optional<String> value =
          name.equals(SecuritySettings.TOLERANCE_SECONDS)
              ? object.textOrWholeNumber(name)
              : object.text(name);
      value.ifPresent(text -> values.put(name, text));
    }
    return values;
  }
}
