// The console: sign-in, navigation by the URL's hash, and one view per page.
import { ApiError, api } from './api.js';
import { announce, field, h, replace, showError } from './dom.js';
import { deliveryView } from './deliveries.js';
import { endpointView } from './endpoint.js';
import { homeView, partnerView } from './partners.js';
import { session } from './session.js';

const main = document.getElementById('main');
const crumbs = document.getElementById('crumbs');
const signOutButton = document.getElementById('sign-out');

/** The routes: #/ , #/partners/{slug}, #/endpoints/{id}, #/deliveries/{id}. */
const ROUTES = [
  [/^\/?$/, () => homeView],
  [/^\/partners\/([a-z0-9-]+)$/, (m) => (ctx) => partnerView(ctx, m[1])],
  [/^\/endpoints\/(\d+)$/, (m) => (ctx) => endpointView(ctx, Number(m[1]))],
  [/^\/deliveries\/(\d+)$/, (m) => (ctx) => deliveryView(ctx, m[1])],
];

let renderCount = 0;

/** What every view gets: where to draw, how to navigate, how to report. */
function context(render) {
  return {
    main,
    go(hash) {
      if (location.hash === hash) render();
      else location.hash = hash;
    },
    refresh: render,
    crumbs(...items) {
      replace(
        crumbs,
        h('ol', {}, [['#/', 'Partners'], ...items].map(([href, text], i, all) =>
          h('li', {}, i === all.length - 1 ? h('span', { 'aria-current': 'page', text }) : h('a', { href, text })))),
      );
    },
    /** Runs an API action; shows its error and answers undefined when it fails. */
    async run(action, done) {
      showError(null);
      try {
        const result = await action();
        if (done) announce(done);
        return result;
      } catch (e) {
        return failed(e);
      }
    },
  };
}

function failed(error) {
  if (error instanceof ApiError && error.status === 401) {
    session.signOut();
    signInView('The admin token was not accepted (or has changed): sign in again.');
    return undefined;
  }
  showError(error instanceof ApiError ? `Error ${error.status || ''}: ${error.message}`.replace('Error : ', 'Error: ') : `Error: ${error.message}`);
  return undefined;
}

async function render() {
  showError(null);
  if (!session.signedIn()) {
    signInView();
    return;
  }
  signOutButton.hidden = false;
  const path = location.hash.replace(/^#/, '');
  const ticket = ++renderCount;
  const route = ROUTES.map(([pattern, view]) => [path.match(pattern), view]).find(([m]) => m);
  const ctx = context(render);
  ctx.crumbs();
  replace(main, h('p', { class: 'loading', text: 'Loading…' }));
  if (!route) {
    replace(main, h('h1', { tabindex: '-1', text: 'Not found' }), h('p', {}, h('a', { href: '#/', text: 'Back to the partners' })));
    return;
  }
  try {
    const content = await route[1](route[0])(ctx);
    if (ticket !== renderCount) return; // a newer navigation won
    replace(main, content);
    main.querySelector('h1')?.focus();
  } catch (e) {
    if (ticket !== renderCount) return;
    replace(main, h('h1', { tabindex: '-1', text: 'Could not load this page' }));
    failed(e);
  }
}

function signInView(problem) {
  signOutButton.hidden = true;
  replace(crumbs);
  const token = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true, spellcheck: 'false' });
  const form = h(
    'form',
    { id: 'sign-in', class: 'card narrow' },
    h('h1', { tabindex: '-1', text: 'Sign in' }),
    h('p', { text: 'Give the admin token this server was started with (PUSHBACK_ADMIN_TOKEN). It is kept in this browser tab only, until you sign out or close the tab.' }),
    field('Admin token', token),
    h('button', { type: 'submit', class: 'primary', text: 'Sign in' }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(null);
    session.signIn(token.value.trim());
    try {
      await api('GET', '/sagas');
    } catch (e) {
      session.signOut();
      if (e instanceof ApiError && e.status === 404) showError('The admin API is off on this server: start it with PUSHBACK_ADMIN_TOKEN set.');
      else if (e instanceof ApiError && e.status === 401) showError('That admin token was not accepted.');
      else showError(`Error: ${e.message}`);
      token.focus();
      return;
    }
    announce('Signed in.');
    render();
  });
  replace(main, form);
  if (problem) showError(problem);
  token.focus();
}

signOutButton.addEventListener('click', () => {
  session.signOut();
  announce('Signed out.');
  location.hash = '#/';
  signInView();
});

window.addEventListener('hashchange', render);
render();
