/**
 * The admin API v1 under {@code /admin/api/v1}: a bearer-protected JSON API over partners, sites,
 * endpoints, credentials, deliveries and sagas. {@link io.pushback.web.admin.AdminApiServlet}
 * authenticates and routes; one routes class per resource handles the calls.
 */
package io.pushback.web.admin;
