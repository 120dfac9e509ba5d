/**
 * Verifying who sent a request: {@link io.pushback.auth.PushbackAuthFilter}, the security methods
 * and their verifiers, the servlet-free request view they read, and the verdicts they return.
 *
 * <p>This package depends on nothing else of Pushback's, only on the servlet API, SLF4J and Bouncy
 * Castle, so that an application can reuse the filter alone. The server plugs into it through
 * {@link io.pushback.auth.SecurityResolver} and {@link io.pushback.auth.AuthListener}.
 */
package io.pushback.auth;
