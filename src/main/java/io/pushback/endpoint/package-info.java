/**
 * What an endpoint is and where it is kept: the Partner, Site, Endpoint and Credential records,
 * their stores over JDBI, the schema migrations, and the translation of database failures into
 * Pushback's exceptions.
 */
package io.pushback.endpoint;
