/**
 * The black-box suite of the pushback routes: a real embedded Jetty on a real port, driven with
 * {@code java.net.http.HttpClient}, asserting the contract of design §3–§6 and nothing about the
 * code's insides.
 */
package io.pushback.blackbox;
