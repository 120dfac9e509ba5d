/**
 * The HTTP side: the pushback routes (the endpoint resolver the filter consults, the dispatch
 * servlet, the recording of refusals), the health route, the admin console's files, and the JSON
 * answers. The admin API lives in {@code web.admin}.
 */
package io.pushback.web;
