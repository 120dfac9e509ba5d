/**
 * The record of every request that reached a known endpoint, accepted or rejected: the {@link
 * io.pushback.delivery.Delivery} rows and their store.
 */
package io.pushback.delivery;
