// Small DOM helpers. Text is always set as text, never parsed as HTML.

/**
 * Creates an element. attrs: class, text, on<Event> handlers, boolean properties (hidden, disabled,
 * checked, required), anything else as an attribute. Children: nodes, strings, or null (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = value;
    else if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (['hidden', 'disabled', 'checked', 'required', 'selected', 'readOnly'].includes(name)) element[name] = true;
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of element. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

let idCounter = 0;

/** A label and its control, tied by id; hint is an optional description read with the control. */
export function field(label, control, hint) {
  if (!control.id) control.id = `f${++idCounter}`;
  const parts = [h('label', { for: control.id, text: label }), control];
  if (hint) {
    const hintId = `${control.id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('small', { id: hintId, class: 'hint', text: hint }));
  }
  return h('div', { class: 'field' }, parts);
}

/** A select of [value, text] options. */
export function select(attrs, options, chosen) {
  return h(
    'select',
    attrs,
    options.map(([value, text]) => h('option', { value, text, selected: value === chosen })),
  );
}

/** Says something politely to screen readers and sighted users. */
export function announce(text) {
  const status = document.getElementById('status');
  status.textContent = '';
  // A fresh text node makes assistive technology repeat an identical message.
  window.setTimeout(() => {
    status.textContent = text;
  }, 20);
}

/** Shows an error (or clears it with null). */
export function showError(text) {
  const error = document.getElementById('error');
  error.textContent = text || '';
  error.hidden = !text;
}

/** Copies text: the asynchronous Clipboard API, else a selected textarea and the copy command. */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied or unavailable: fall back below.
    }
  }
  const area = h('textarea', { class: 'offscreen', readOnly: true, 'aria-hidden': 'true' });
  area.value = text;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

/** A button that copies what text() returns and says whether it worked. */
export function copyButton(label, text, attrs = {}) {
  return h('button', {
    type: 'button',
    class: 'copy',
    ...attrs,
    onClick: async (event) => {
      const button = event.currentTarget;
      const ok = await copyText(typeof text === 'function' ? text() : text);
      announce(ok ? `${label}: copied to the clipboard.` : `${label}: could not copy; select the text and copy it by hand.`);
      button.textContent = ok ? 'Copied' : 'Copy failed';
      window.setTimeout(() => {
        button.textContent = attrs.text || 'Copy';
      }, 2000);
    },
    text: attrs.text || 'Copy',
    'aria-label': attrs['aria-label'] || `Copy ${label.toLowerCase()}`,
  });
}

/** A description list of [term, value] pairs; null values show as an em dash. */
export function details(pairs) {
  return h(
    'dl',
    { class: 'details' },
    pairs.map(([term, value]) => [
      h('dt', { text: term }),
      h('dd', {}, value === null || value === undefined || value === '' ? '—' : value),
    ]),
  );
}

/** A time as the browser's locale shows it, with the exact instant as a tooltip. */
export function time(iso) {
  if (!iso) return '—';
  return h('time', { datetime: iso, title: iso, text: new Date(iso).toLocaleString() });
}
