/**
 * Black-box tests of what operators use: {@code /health}, {@code /ready}, the metrics scrape and
 * the delivery log line, on a real embedded server over a real port.
 */
package io.pushback.operations;
