// The admin API v1, called with the admin token of this browser tab.
import { session } from './session.js';

/** The admin API's base URL, relative to the console's own (works under any context path). */
const API_BASE = new URL('../admin/api/v1', document.baseURI).pathname;

/** An answer other than 2xx, with the API's own message when it sent one. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

const STATUS_TEXT = {
  401: 'the admin token was not accepted',
  404: 'not found',
  409: 'conflict',
  503: 'the store is unavailable; try again shortly',
};

/** Calls the admin API; resolves to the parsed JSON answer (null for 204), rejects with ApiError. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${session.token()}` };
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(API_BASE + path, init);
  } catch (e) {
    throw new ApiError(0, 'network', `the server could not be reached (${e.message})`);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const message = (data && data.message) || STATUS_TEXT[response.status] || `HTTP ${response.status}`;
    throw new ApiError(response.status, data && data.error, message);
  }
  return data;
}

/** The path of a partner or site owner, as the API names it. */
export function ownerPath(partner, site) {
  const base = `/partners/${encodeURIComponent(partner)}`;
  return site ? `${base}/sites/${encodeURIComponent(site)}` : base;
}

/** The origin and context path the WAR is served under, e.g. https://hooks.example.com/pushback. */
export function serverBase() {
  const root = new URL('..', document.baseURI);
  return root.origin + root.pathname.replace(/\/$/, '');
}
