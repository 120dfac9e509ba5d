/**
 * The admin console end to end: Debian's headless Chromium, driven by Selenium through {@code
 * /usr/bin/chromedriver}, against the real embedded server; and the console's files over HTTP.
 */
package io.pushback.console;
