package io.pushback.endpoint;

import io.pushback.auth.SecurityMethod;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** A credential row as stored, for converting its secrets from one form to another. */
record StoredCredential(long id, SecurityMethod method, Map<String, String> secrets) {
  /**
   * Every credential, of live and deleted endpoints, whose {@code secrets_format} is {@code
   * format}.
   */
  static List<StoredCredential> withFormat(Handle h, JsonColumns json, int format) {
    return h.createQuery(
            "SELECT credential.id, credential.secrets, endpoint.security_method FROM credential"
                + " JOIN endpoint ON endpoint.id = credential.endpoint_id"
                + " WHERE credential.secrets_format = ? ORDER BY credential.id")
        .bind(0, format)
        .map(
            (rs, ctx) ->
                new StoredCredential(
                    rs.getLong("id"),
                    SecurityMethod.fromWireName(rs.getString("security_method")),
                    json.readStringMap("secrets", rs.getString("secrets"))))
        .list();
  }

  /** Stores {@code sealed} as this credential's secrets, in sealed form. */
  void replaceSecrets(Handle h, JsonColumns json, Map<String, String> sealed) {
    h.createUpdate("UPDATE credential SET secrets = ?, secrets_format = ? WHERE id = ?")
        .bind(0, json.write(sealed))
        .bind(1, CredentialVault.SEALED)
        .bind(2, id)
        .execute();
  }
}
