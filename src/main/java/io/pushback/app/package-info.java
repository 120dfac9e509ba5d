/**
 * Start-up: the settings, the store's DataSource (the container's JNDI one, or our own pool) and
 * migrations, the wiring of filter and servlets into a servlet context ({@link
 * io.pushback.app.PushbackBootstrap}), and the embedded-Jetty launcher.
 */
package io.pushback.app;
