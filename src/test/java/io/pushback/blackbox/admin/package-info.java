/**
 * Black-box tests of the admin API v1 and {@code GET /health} (design §3 and §7): a real embedded
 * Jetty on a free port, called with {@link java.net.http.HttpClient}, the admin token of {@link
 * io.pushback.testing.TestServer}.
 */
package io.pushback.blackbox.admin;
