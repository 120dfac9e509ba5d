/**
 * Start-up: the settings, the connection pool and migrations, the wiring of filter and servlets
 * into a servlet context ({@link io.pushback.app.PushbackBootstrap}), and the embedded-Jetty
 * launcher.
 */
package io.pushback.app;
