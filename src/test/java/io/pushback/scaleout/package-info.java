/**
 * Scale-out on PostgreSQL: several Pushback nodes, each in a child JVM of its own, share one
 * embedded PostgreSQL database. The tests prove that async work is claimed by one node only ({@code
 * FOR UPDATE SKIP LOCKED} under a lease) and that the work of a node that dies is taken over by
 * another once its lease expires. The test sagas record their runs in tables of that same database,
 * where a unique key catches a second run of one delivery.
 */
package io.pushback.scaleout;
