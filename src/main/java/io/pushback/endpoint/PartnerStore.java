package io.pushback.endpoint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** Partners and their sites. Every change counts in {@link ConfigVersion}. Thread-safe. */
public final class PartnerStore {
  private final Database database;
  private final Clock clock;

  public PartnerStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Creates a partner; throws {@link DuplicateException} for a taken slug. */
  public Partner createPartner(String slug, String name) {
    long now = clock.millis();
    return database.inTransaction(
        "slug",
        h -> {
          ConfigVersion.bump(h);
          return h.createQuery(
                  "INSERT INTO partner (slug, name, created_at) VALUES (?, ?, ?) RETURNING *")
              .bind(0, slug)
              .bind(1, name)
              .bind(2, now)
              .map(PartnerStore::partner)
              .one();
        });
  }

  public List<Partner> partners() {
    return database.withHandle(
        h -> h.createQuery("SELECT * FROM partner ORDER BY id").map(PartnerStore::partner).list());
  }

  public Optional<Partner> partnerBySlug(String slug) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT * FROM partner WHERE slug = ?")
                .bind(0, slug)
                .map(PartnerStore::partner)
                .findOne());
  }

  public Optional<Partner> partner(long id) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT * FROM partner WHERE id = ?")
                .bind(0, id)
                .map(PartnerStore::partner)
                .findOne());
  }

  /**
   * Creates a site of {@code partner}; throws {@link DuplicateException} for a slug the partner
   * already uses.
   */
  public Site createSite(Partner partner, String slug, String name) {
    long now = clock.millis();
    return database.inTransaction(
        "slug",
        h -> {
          ConfigVersion.bump(h);
          return h.createQuery(
                  "INSERT INTO site (partner_id, slug, name, created_at) VALUES (?, ?, ?, ?) RETURNING *")
              .bind(0, partner.id())
              .bind(1, slug)
              .bind(2, name)
              .bind(3, now)
              .map(PartnerStore::site)
              .one();
        });
  }

  public List<Site> sites(Partner partner) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT * FROM site WHERE partner_id = ? ORDER BY id")
                .bind(0, partner.id())
                .map(PartnerStore::site)
                .list());
  }

  public Optional<Site> siteBySlug(long partnerId, String slug) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT * FROM site WHERE partner_id = ? AND slug = ?")
                .bind(0, partnerId)
                .bind(1, slug)
                .map(PartnerStore::site)
                .findOne());
  }

  public Optional<Site> site(long id) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT * FROM site WHERE id = ?")
                .bind(0, id)
                .map(PartnerStore::site)
                .findOne());
  }

  private static Partner partner(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Partner(
        rs.getLong("id"),
        rs.getString("slug"),
        rs.getString("name"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static Site site(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Site(
        rs.getLong("id"),
        rs.getLong("partner_id"),
        rs.getString("slug"),
        rs.getString("name"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
