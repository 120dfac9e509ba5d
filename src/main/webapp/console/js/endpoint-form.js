// The endpoint forms: every security method with its settings, the preset, mode, idempotency header.
import { field, h, select } from './dom.js';

/** Presets of signature settings for well-known senders (security.preset). */
export const PRESETS = ['maxwell', 'standard-webhooks', 'github', 'stripe', 'shopify', 'slack', 'patchworks', 'actigraph'];

export const METHODS = [
  ['signature', 'Signature (HMAC of the body)'],
  ['basic', 'Basic (user name and password)'],
  ['token_secret', 'Access-Token and Access-Secret'],
  ['bearer', 'Bearer token (OAuth2)'],
];

const ALGORITHMS = [['', 'HmacSHA256 (default)'], ['HmacSHA1', 'HmacSHA1'], ['HmacSHA512', 'HmacSHA512'], ['HmacRIPEMD128', 'HmacRIPEMD128']];
const ENCODINGS = [['', 'base64 (default)'], ['hex', 'hex']];

/** The non-secret settings per method, as [name, label, hint]. */
const PUBLIC_FIELDS = {
  basic: [['username', 'User name', 'The user name the sender gives.']],
  token_secret: [],
  bearer: [],
  signature: [
    ['preset', 'Preset', 'A named template for a well-known sender; leave empty for the settings below.'],
    ['header', 'Signature header', 'Default PUSHBACK_SIGNATURE.'],
    ['algorithm', 'Algorithm', null],
    ['encoding', 'Encoding', null],
    ['prefix', 'Value prefix', 'e.g. sha256= ; default none.'],
    ['timestampHeader', 'Timestamp header', 'Epoch seconds; signed with the body when set.'],
    ['toleranceSeconds', 'Tolerance (seconds)', 'How far the timestamp may be off; default 300.'],
    ['signedContent', 'Signed content', 'A template over {id}, {timestamp} and {body}.'],
    ['idHeader', 'Id header', 'Where {id} comes from; default the idempotency header.'],
  ],
};

/** The secret settings per method; left empty, the server generates them. */
const SECRET_FIELDS = {
  basic: [['password', 'Password']],
  token_secret: [['token', 'Access token'], ['secret', 'Access secret']],
  signature: [['secret', 'Shared secret']],
  bearer: [['token', 'Bearer token']],
};

function control(method, name, value) {
  const attrs = { name: `security.${name}`, 'data-method': method };
  if (name === 'algorithm') return select(attrs, ALGORITHMS, value || '');
  if (name === 'encoding') return select(attrs, ENCODINGS, value || '');
  if (name === 'preset') return h('input', { ...attrs, type: 'text', list: 'presets', autocomplete: 'off', value });
  if (name === 'toleranceSeconds') return h('input', { ...attrs, type: 'number', min: '1', step: '1', value });
  return h('input', { ...attrs, type: 'text', autocomplete: 'off', spellcheck: 'false', value });
}

function presetList() {
  return h('datalist', { id: 'presets' }, PRESETS.map((name) => h('option', { value: name })));
}

/** Fields common to create and edit: name, saga, mode, idempotency header, body limit. */
function commonFields(sagas, endpoint = {}) {
  return [
    field('Name', h('input', { name: 'name', required: true, autocomplete: 'off', value: endpoint.name }), 'Unique within its partner or site, e.g. loan-status.'),
    field('Saga', select({ name: 'saga' }, sagas.map((s) => [s, s]), endpoint.saga || sagas[0])),
    field('Mode', select({ name: 'mode' }, [['sync', 'sync: answer after the saga ran'], ['async', 'async: 202 at once, workers run the saga']], endpoint.mode || 'sync')),
    field('Idempotency header', h('input', { name: 'idempotencyHeader', autocomplete: 'off', value: endpoint.idempotencyHeader }), 'e.g. Idempotency-Key; repeated keys never run the saga twice. Empty: none.'),
    field('Body limit (bytes)', h('input', { name: 'maxBodyBytes', type: 'number', min: '0', step: '1', value: endpoint.maxBodyBytes }), 'Empty: the server default.'),
  ];
}

/** The create form; onSubmit receives the request body. owners is [[value, text]] (partner or sites). */
export function createEndpointForm(sagas, owners, onSubmit) {
  const methodSelect = select({ name: 'security.method', id: 'new-endpoint-method' }, METHODS, 'signature');
  const groups = METHODS.map(([method, text]) =>
    h(
      'fieldset',
      { class: 'method', 'data-for': method, hidden: method !== 'signature' },
      h('legend', { text: `${text} settings` }),
      PUBLIC_FIELDS[method].map(([name, label, hint]) => field(label, control(method, name, ''), hint)),
      SECRET_FIELDS[method].map(([name, label]) =>
        field(label, h('input', { name: `security.${name}`, 'data-method': method, type: 'text', autocomplete: 'off', spellcheck: 'false' }), 'Leave empty to have a strong one generated.'),
      ),
    ),
  );
  methodSelect.addEventListener('change', () => {
    for (const group of groups) group.hidden = group.dataset.for !== methodSelect.value;
  });
  const form = h(
    'form',
    { id: 'new-endpoint', class: 'card', novalidate: false },
    h('h3', { text: 'New endpoint' }),
    field('Owner', select({ name: 'owner' }, owners, owners[0][0]), 'A partner endpoint may also be called in the context of any of its sites.'),
    commonFields(sagas),
    field('Enabled', h('input', { name: 'enabled', type: 'checkbox', checked: true })),
    field('Security method', methodSelect),
    groups,
    presetList(),
    h('button', { type: 'submit', class: 'primary', text: 'Create endpoint' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const method = methodSelect.value;
    const security = { method };
    for (const input of form.querySelectorAll(`[data-method="${method}"]`)) {
      const value = input.value.trim();
      if (value !== '') security[input.name.slice('security.'.length)] = value;
    }
    const body = { ...common(form), enabled: form.elements.enabled.checked, security };
    for (const key of ['idempotencyHeader', 'maxBodyBytes']) if (body[key] === null) delete body[key];
    onSubmit(form.elements.owner.value, body);
  });
  return form;
}

function common(form) {
  const maxBody = form.elements.maxBodyBytes.value.trim();
  return {
    name: form.elements.name.value.trim(),
    saga: form.elements.saga.value,
    mode: form.elements.mode.value,
    idempotencyHeader: form.elements.idempotencyHeader.value.trim() || null,
    maxBodyBytes: maxBody === '' ? null : Number(maxBody),
  };
}

/** The edit form; onSubmit receives a PATCH body holding only what changed (null: nothing did). */
export function editEndpointForm(endpoint, sagas, onSubmit) {
  const method = endpoint.security.method;
  const form = h(
    'form',
    { id: 'edit-endpoint', class: 'card' },
    h('h3', { text: 'Settings' }),
    commonFields(sagas, endpoint),
    h(
      'fieldset',
      { class: 'method' },
      h('legend', { text: `Security: ${METHODS.find(([m]) => m === method)?.[1] || method}` }),
      PUBLIC_FIELDS[method]
        // A preset is chosen at creation; it is shown here only when the endpoint has one.
        .filter(([name]) => name !== 'preset' || endpoint.security.preset)
        .map(([name, label, hint]) => field(label, control(method, name, endpoint.security[name] ?? ''), hint)),
      h('p', { class: 'hint', text: 'Secrets change by rotation, below; the method cannot change.' }),
    ),
    presetList(),
    h('button', { type: 'submit', class: 'primary', text: 'Save changes' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const now = common(form);
    const patch = {};
    for (const [key, value] of Object.entries(now)) {
      if ((endpoint[key] ?? null) !== value) patch[key] = key === 'idempotencyHeader' && value === null ? '' : value;
    }
    const security = {};
    for (const input of form.querySelectorAll('[data-method]')) {
      const name = input.name.slice('security.'.length);
      const value = input.value.trim();
      if (String(endpoint.security[name] ?? '') !== value) security[name] = value;
    }
    if (Object.keys(security).length > 0) patch.security = security;
    onSubmit(Object.keys(patch).length > 0 ? patch : null);
  });
  return form;
}
