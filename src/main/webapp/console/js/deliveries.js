// Deliveries: the list of an endpoint's, filtered by outcome, and one delivery with replay.
import { api } from './api.js';
import { details, field, h, replace, select, time } from './dom.js';

const OUTCOMES = [['', 'all'], ['succeeded', 'succeeded'], ['pending', 'pending'], ['failed', 'failed'], ['dead', 'dead'], ['rejected', 'rejected']];
const REPLAYABLE = new Set(['succeeded', 'failed', 'dead']);

/** The deliveries section of an endpoint's page; it loads itself and reloads on demand. */
export function deliveryList(ctx, endpoint) {
  const outcome = select({ id: 'outcome-filter', name: 'outcome' }, OUTCOMES, '');
  const limit = select({ id: 'limit', name: 'limit' }, [['20', '20'], ['50', '50'], ['200', '200'], ['500', '500']], '50');
  const results = h('div', { id: 'delivery-results', 'aria-live': 'polite', 'aria-busy': 'true' });
  const load = async () => {
    results.setAttribute('aria-busy', 'true');
    const query = new URLSearchParams({ limit: limit.value });
    if (outcome.value) query.set('outcome', outcome.value);
    const answer = await ctx.run(() => api('GET', `/endpoints/${endpoint.id}/deliveries?${query}`));
    if (answer) replace(results, table(answer.deliveries), h('p', { class: 'hint', text: `Rejected requests counted in all: ${answer.rejectedTotal}.` }));
    results.setAttribute('aria-busy', 'false');
  };
  outcome.addEventListener('change', load);
  limit.addEventListener('change', load);
  load();
  return h('section', { class: 'card', 'aria-labelledby': 'deliveries-title' },
    h('h2', { id: 'deliveries-title', text: 'Deliveries' }),
    h('div', { class: 'filters' },
      field('Outcome', outcome),
      field('Show', limit),
      h('button', { type: 'button', id: 'refresh-deliveries', text: 'Refresh', onClick: load })),
    results);
}

function table(deliveries) {
  if (deliveries.length === 0) return h('p', { class: 'empty', text: 'No deliveries match.' });
  return h('table', { id: 'deliveries' },
    h('thead', {}, h('tr', {}, ['Delivery', 'Received', 'Outcome', 'Status', 'Attempts', 'Reason'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, deliveries.map((d) => h('tr', { 'data-delivery': d.id },
      h('td', {}, h('a', { href: `#/deliveries/${d.id}`, text: `#${d.id}` })),
      h('td', {}, time(d.receivedAt)),
      h('td', {}, outcomeBadge(d.outcome)),
      h('td', { text: d.status ?? '—' }),
      h('td', { text: d.attempts }),
      h('td', { text: d.reason || '—' })))));
}

function outcomeBadge(outcome) {
  return h('span', { class: `badge outcome-${outcome}`, text: outcome });
}

/** #/deliveries/{id} */
export async function deliveryView(ctx, id) {
  const delivery = await api('GET', `/deliveries/${id}`);
  let endpoint = null;
  try {
    endpoint = await api('GET', `/endpoints/${delivery.endpoint}`);
  } catch {
    endpoint = null; // deleted since: the delivery outlives it
  }
  ctx.crumbs(...(endpoint
    ? [[`#/partners/${endpoint.partner}`, endpoint.partner], [`#/endpoints/${endpoint.id}`, endpoint.name]]
    : []), [`#/deliveries/${id}`, `Delivery #${id}`]);
  const replayable = REPLAYABLE.has(delivery.outcome);
  return [
    h('h1', { tabindex: '-1' }, `Delivery #${delivery.id} `, outcomeBadge(delivery.outcome)),
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'summary-title' },
        h('h2', { id: 'summary-title', text: 'Summary' }),
        details([
          ['Endpoint', endpoint ? h('a', { href: `#/endpoints/${endpoint.id}`, text: endpoint.name }) : `${delivery.endpoint} (deleted)`],
          ['Received', time(delivery.receivedAt)],
          ['From', delivery.remoteAddress],
          ['Outcome', delivery.outcome],
          ['Status sent', delivery.status === null ? null : String(delivery.status)],
          ['Reason', delivery.reason],
          ['Attempts', String(delivery.attempts)],
          ['Idempotency key', delivery.idempotencyKey],
          ['Completed steps', (delivery.completedSteps || []).join(', ')],
          ['Saga result', delivery.sagaResult],
        ]),
        h('div', { class: 'buttons' },
          h('button', {
            type: 'button', id: 'replay', class: 'primary', disabled: !replayable, 'aria-describedby': 'replay-hint', text: 'Replay',
            onClick: async () => {
              const answer = await ctx.run(() => api('POST', `/deliveries/${id}/replay`), `Delivery #${id} queued for replay.`);
              if (answer) ctx.refresh();
            },
          }),
          h('button', { type: 'button', id: 'refresh-delivery', text: 'Refresh', onClick: () => ctx.refresh() }),
          h('small', { id: 'replay-hint', class: 'hint', text: replayable ? 'Runs the saga again from its first step.' : 'Only a succeeded, failed or dead delivery can be replayed.' }))),
      h('section', { class: 'card', 'aria-labelledby': 'headers-title' },
        h('h2', { id: 'headers-title', text: 'Headers' }),
        h('p', { class: 'hint', text: 'Credentials are stored redacted.' }),
        h('table', { id: 'delivery-headers' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Name' }), h('th', { scope: 'col', text: 'Value' }))),
          h('tbody', {}, (delivery.headers || []).map((header) => h('tr', {},
            h('td', {}, h('code', { text: header.name })),
            h('td', {}, h('code', { class: header.value === '[redacted]' ? 'redacted' : null, text: header.value })))))))),
    h('section', { class: 'card', 'aria-labelledby': 'parameters-title' },
      h('h2', { id: 'parameters-title', text: 'Parameters' }),
      h('pre', { id: 'delivery-parameters', tabindex: '0' }, h('code', { text: delivery.parameters === null ? '—' : JSON.stringify(delivery.parameters, null, 2) }))),
    h('section', { class: 'card', 'aria-labelledby': 'body-title' },
      h('h2', { id: 'body-title', text: `Body (${delivery.bodySize} bytes, ${delivery.contentType || 'no content type'}${delivery.bodyEncoding === 'base64' ? ', shown as base64' : ''})` }),
      h('pre', { id: 'delivery-body', tabindex: '0' }, h('code', { text: delivery.body || '' }))),
  ];
}
