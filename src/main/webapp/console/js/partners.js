// Partners, their sites, and their endpoints.
import { api, ownerPath } from './api.js';
import { field, h } from './dom.js';
import { createEndpointForm } from './endpoint-form.js';
import { revealOnce } from './secrets.js';

function slugInput(id) {
  return h('input', { id, name: 'slug', required: true, pattern: '[a-z0-9][a-z0-9\\-]{0,62}', autocomplete: 'off', spellcheck: 'false' });
}

function slugForm(id, title, onSubmit) {
  const form = h(
    'form',
    { id, class: 'card' },
    h('h2', { text: title }),
    field('Slug', slugInput(`${id}-slug`), 'Lower-case letters, digits and -, e.g. acme.'),
    field('Name', h('input', { id: `${id}-name`, name: 'name', required: true, autocomplete: 'off' })),
    h('button', { type: 'submit', class: 'primary', text: title }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit({ slug: form.elements.slug.value.trim(), name: form.elements.name.value.trim() });
  });
  return form;
}

/** #/ : every partner, and a form for a new one. */
export async function homeView(ctx) {
  const { partners } = await api('GET', '/partners');
  const list = partners.length === 0
    ? h('p', { class: 'empty', text: 'No partners yet: create the first one.' })
    : h('ul', { id: 'partners', class: 'links' }, partners.map((p) =>
      h('li', {}, h('a', { href: `#/partners/${p.slug}`, text: p.name }), ' ', h('code', { text: p.slug }))));
  return [
    h('h1', { tabindex: '-1', text: 'Partners' }),
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'partners-title' }, h('h2', { id: 'partners-title', text: 'All partners' }), list),
      slugForm('new-partner', 'Create partner', async (body) => {
        const partner = await ctx.run(() => api('POST', '/partners', body), `Partner ${body.slug} created.`);
        if (partner) ctx.go(`#/partners/${partner.slug}`);
      })),
  ];
}

/** #/partners/{slug} : the partner's sites and endpoints, and forms for new ones. */
export async function partnerView(ctx, slug) {
  const [partner, { sites }, { endpoints }, { sagas }] = await Promise.all([
    api('GET', ownerPath(slug)),
    api('GET', `${ownerPath(slug)}/sites`),
    api('GET', `${ownerPath(slug)}/endpoints`),
    api('GET', '/sagas'),
  ]);
  ctx.crumbs([`#/partners/${slug}`, partner.name]);
  const siteList = sites.length === 0
    ? h('p', { class: 'empty', text: 'No sites: endpoints belong to the partner itself.' })
    : h('ul', { id: 'sites', class: 'plain' }, sites.map((s) => h('li', {}, s.name, ' ', h('code', { text: s.slug }))));
  const owners = [['', `${partner.name} (partner-wide)`], ...sites.map((s) => [s.slug, `Site ${s.name}`])];
  return [
    h('h1', { tabindex: '-1', text: partner.name }),
    h('p', { class: 'sub' }, 'Partner ', h('code', { text: partner.slug })),
    h('section', { class: 'card', 'aria-labelledby': 'endpoints-title' },
      h('h2', { id: 'endpoints-title', text: 'Endpoints' }),
      endpointTable(endpoints)),
    h('div', { class: 'columns' },
      createEndpointForm(sagas, owners, async (owner, body) => {
        const created = await ctx.run(() => api('POST', `${ownerPath(slug, owner)}/endpoints`, body), `Endpoint ${body.name} created.`);
        if (created) {
          revealOnce(created.id, 'created', created.credentials);
          ctx.go(`#/endpoints/${created.id}`);
        }
      }),
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'sites-title' }, h('h2', { id: 'sites-title', text: 'Sites' }), siteList),
        slugForm('new-site', 'Create site', async (body) => {
          const site = await ctx.run(() => api('POST', `${ownerPath(slug)}/sites`, body), `Site ${body.slug} created.`);
          if (site) ctx.refresh();
        }))),
  ];
}

function endpointTable(endpoints) {
  if (endpoints.length === 0) return h('p', { class: 'empty', text: 'No endpoints yet: create one below.' });
  return h('table', { id: 'endpoints' },
    h('thead', {}, h('tr', {}, ['Name', 'Site', 'Security', 'Mode', 'Saga', 'State'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, endpoints.map((e) => h('tr', {},
      h('td', {}, h('a', { href: `#/endpoints/${e.id}`, text: e.name })),
      h('td', { text: e.site || '—' }),
      h('td', { text: e.security.method }),
      h('td', { text: e.mode }),
      h('td', { text: e.saga }),
      h('td', {}, h('span', { class: e.enabled ? 'badge on' : 'badge off', text: e.enabled ? 'enabled' : 'disabled' }))))));
}

