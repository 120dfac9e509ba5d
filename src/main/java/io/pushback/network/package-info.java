/**
 * Where a request came from: IP address literals and CIDR networks (parsed strictly, never resolved
 * through DNS), the trusted proxies whose {@code Forwarded} and {@code X-Forwarded-*} headers are
 * believed, and an endpoint's network policy (require HTTPS, allowed networks). Depends on nothing
 * of Pushback's but {@code auth}'s root exception, and not on the servlet API.
 */
package io.pushback.network;
