// Secrets the API showed once, kept in this page's memory only until the endpoint page has shown them.
const pending = new Map();

/** Remembers credentials just created or rotated for endpointId, for its next page only. */
export function revealOnce(endpointId, reason, credentials) {
  pending.set(endpointId, { reason, credentials });
}

/** Takes (and forgets) what is waiting to be shown for endpointId; null when nothing is. */
export function takeRevealed(endpointId) {
  const revealed = pending.get(endpointId) || null;
  pending.delete(endpointId);
  return revealed;
}
