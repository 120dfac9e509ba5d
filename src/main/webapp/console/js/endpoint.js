// One endpoint: how to call it, its one-time secrets, its settings, rotation, and its deliveries.
import { api, serverBase } from './api.js';
import { copyButton, details, field, h, time } from './dom.js';
import { deliveryList } from './deliveries.js';
import { editEndpointForm } from './endpoint-form.js';
import { curlExample } from './examples.js';
import { revealOnce, takeRevealed } from './secrets.js';

/** #/endpoints/{id} */
export async function endpointView(ctx, id) {
  const [endpoint, { sagas }] = await Promise.all([api('GET', `/endpoints/${id}`), api('GET', '/sagas')]);
  const revealed = takeRevealed(id);
  ctx.crumbs([`#/partners/${endpoint.partner}`, endpoint.partner], [`#/endpoints/${id}`, endpoint.name]);
  const url = serverBase() + endpoint.path;
  return [
    h('h1', { tabindex: '-1' }, endpoint.name, ' ',
      h('span', { id: 'endpoint-state', class: endpoint.enabled ? 'badge on' : 'badge off', text: endpoint.enabled ? 'enabled' : 'disabled' })),
    h('p', { class: 'sub' },
      endpoint.site ? `Site ${endpoint.site} of partner ${endpoint.partner}` : `Partner ${endpoint.partner}`,
      ` · ${endpoint.security.method} · ${endpoint.mode} · saga ${endpoint.saga}`),
    revealed ? secretPanel(revealed) : null,
    callingCard(endpoint, url, revealed ? revealed.credentials : null),
    h('div', { class: 'columns' },
      editEndpointForm(endpoint, sagas, async (patch) => {
        if (!patch) {
          ctx.run(async () => undefined, 'Nothing changed.');
          return;
        }
        if (await ctx.run(() => api('PATCH', `/endpoints/${id}`, patch), 'Endpoint saved.')) ctx.refresh();
      }),
      h('div', {}, stateCard(ctx, endpoint), rotateCard(ctx, endpoint))),
    deliveryList(ctx, endpoint),
  ];
}

function secretPanel({ reason, credentials }) {
  const fields = Object.entries(credentials || {});
  return h('section', { id: 'secret-panel', class: 'card secret', 'aria-labelledby': 'secret-title' },
    h('h2', { id: 'secret-title', text: reason === 'rotated' ? 'New credentials after rotation' : 'Credentials of the new endpoint' }),
    h('p', { class: 'warning' }, h('strong', { text: 'Copy now: this is shown once and will not be shown again. ' }),
      'Neither the API nor this console can show it later; if it is lost, rotate the credentials.'),
    h('dl', { class: 'details' }, fields.map(([name, value]) => [
      h('dt', { text: name }),
      h('dd', {}, h('code', { class: 'secret-value', 'data-secret': name, text: value }), ' ', copyButton(`The ${name}`, value)),
    ])),
    h('button', { type: 'button', class: 'quiet', text: 'I have stored it: hide', onClick: (e) => e.currentTarget.closest('section').remove() }));
}

function callingCard(endpoint, url, secrets) {
  const example = curlExample(endpoint, url, secrets);
  return h('section', { class: 'card', 'aria-labelledby': 'call-title' },
    h('h2', { id: 'call-title', text: 'Calling it' }),
    h('div', { class: 'copy-row' },
      h('span', { class: 'label', text: 'URL' }),
      h('code', { id: 'endpoint-url', text: url }),
      copyButton('The endpoint URL', url, { text: 'Copy URL', id: 'copy-url' })),
    endpoint.site ? null : h('p', { class: 'hint', text: `In the context of one of the partner's sites: ${url}/sites/<site slug>` }),
    h('h3', { id: 'curl-title', text: `Example request (${endpoint.security.method})` }),
    secrets ? null : h('p', { class: 'hint', text: 'Secrets are not shown here: put in the values you stored when the credentials were created or rotated.' }),
    h('pre', { id: 'curl-example', 'aria-labelledby': 'curl-title', 'data-url': url, tabindex: '0' }, h('code', { text: example })),
    copyButton('The example', example, { text: 'Copy example', id: 'copy-curl' }));
}

function stateCard(ctx, endpoint) {
  const dialog = h('dialog', { id: 'confirm-delete', 'aria-labelledby': 'confirm-delete-title' },
    h('h2', { id: 'confirm-delete-title', text: `Delete endpoint ${endpoint.name}?` }),
    h('p', { text: 'Its URL stops answering at once (404), its credentials expire, and its key is never used again. Its deliveries are kept.' }),
    h('form', { method: 'dialog', class: 'buttons' },
      h('button', { value: 'cancel', autofocus: true, text: 'Cancel' }),
      h('button', { value: 'delete', class: 'danger', id: 'confirm-delete-button', text: 'Delete endpoint' })));
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'delete') return;
    const done = await ctx.run(() => api('DELETE', `/endpoints/${endpoint.id}`).then(() => true), `Endpoint ${endpoint.name} deleted.`);
    if (done) ctx.go(`#/partners/${endpoint.partner}`);
  });
  return h('section', { class: 'card', 'aria-labelledby': 'state-title' },
    h('h3', { id: 'state-title', text: 'State' }),
    details([['Status', endpoint.enabled ? 'enabled: requests are accepted' : 'disabled: requests get 404'], ['Created', time(endpoint.createdAt)], ['Changed', time(endpoint.updatedAt)]]),
    h('div', { class: 'buttons' },
      h('button', {
        type: 'button', id: 'toggle-enabled', text: endpoint.enabled ? 'Disable endpoint' : 'Enable endpoint',
        onClick: async () => {
          const enabled = !endpoint.enabled;
          if (await ctx.run(() => api('PATCH', `/endpoints/${endpoint.id}`, { enabled }), enabled ? 'Endpoint enabled.' : 'Endpoint disabled.')) ctx.refresh();
        },
      }),
      h('button', { type: 'button', id: 'delete-endpoint', class: 'danger', text: 'Delete…', onClick: () => dialog.showModal() })),
    dialog);
}

function rotateCard(ctx, endpoint) {
  const overlap = h('input', { id: 'rotate-overlap', name: 'overlap', autocomplete: 'off', placeholder: 'PT24H', pattern: 'P.*' });
  const form = h('form', { id: 'rotate', class: 'card' },
    h('h3', { text: 'Rotate credentials' }),
    h('p', { text: 'New secrets are generated and shown once. The old ones stop working at once, or after the overlap.' }),
    field('Overlap', overlap, 'ISO-8601 duration during which the old credentials stay valid, e.g. PT24H. Empty: none.'),
    h('button', { type: 'submit', text: 'Rotate credentials' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = overlap.value.trim() ? { overlap: overlap.value.trim() } : {};
    const answer = await ctx.run(() => api('POST', `/endpoints/${endpoint.id}/credentials`, body), 'Credentials rotated.');
    if (answer) {
      revealOnce(endpoint.id, 'rotated', answer.credentials);
      ctx.refresh();
    }
  });
  return form;
}
