// The shell: sign-in, navigation by role, and a hash router (#/d/D1?range=mtd) so every screen has an address
// that can be bookmarked and shared — without ever putting a token in it.
import * as auth from './auth.js';
import { h, render, errorBox } from './ui.js';
import { dealershipView } from './dealership.js';
import { agreementsView, agreementView, usageView } from './drill.js';
import { leagueView, leagueHref } from './league.js';
import { targetsView, profileView } from './targets.js';

const main = document.getElementById('main');

function go(hash, replace = false) {
  if (replace) { history.replaceState(null, '', hash); route(); } else if (location.hash === hash) route(); else location.hash = hash;
}

function home(session) {
  return session.role === 'national' ? '#/league' : session.role === 'group' ? leagueHref(`group:${session.group}`)
    : `#/d/${encodeURIComponent(session.dealershipId)}`;
}

function shell(session) {
  const links = session.role === 'national'
    ? [['#/league', 'League table'], ['#/targets', 'Targets']]
    : session.role === 'group' ? [[home(session), `League table: ${auth.groupLabel(session.group)}`]]
      : [[home(session), 'My dealership']];
  render(document.getElementById('nav'), links.map(([href, label]) => h('a', { href }, label)));
  render(document.getElementById('who'), h('span', {}, `Signed in as ${session.label}`),
    h('button', { type: 'button', id: 'sign-out', onclick: () => { auth.signOut(); history.replaceState(null, '', '/'); route(); } }, 'Sign out'));
}

function signIn() {
  render(document.getElementById('nav'));
  render(document.getElementById('who'));
  if (!auth.isLocal()) {
    render(main, h('section', { class: 'signin' }, h('h1', {}, 'Sign in'),
      h('p', {}, 'Sign in with your Dealer KPI account.'),
      h('button', { type: 'button', class: 'primary', id: 'sign-in', onclick: () => auth.signInWithCognito() }, 'Sign in')));
    return;
  }
  const dealer = h('input', { id: 'dealership-id', name: 'dealershipId', value: 'D1', autocomplete: 'off' });
  const group = h('input', { id: 'group-name', name: 'groupName', placeholder: 'e.g. Arnold Clark', autocomplete: 'off' });
  const form = h('form', { class: 'signin', onsubmit: event => {
    event.preventDefault();
    const role = form.elements.role.value;
    const input = { dealer, group }[role];
    const name = input ? input.value.trim() : '';
    if (input && !name) { input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
    auth.signInLocally(input ? `${role}:${name}` : 'national');
    go(location.hash && location.hash !== '#/' ? location.hash : home(auth.current()), true);
  } },
  h('h1', {}, 'Sign in (local runner)'),
  h('p', { class: 'muted' }, 'The local runner has no identity provider: pick who to be. Requests carry it in the X-Local-Principal header.'),
  h('fieldset', {}, h('legend', {}, 'Sign in as'),
    h('label', { class: 'row' }, h('input', { type: 'radio', name: 'role', value: 'national', id: 'as-national', checked: true }), 'National management'),
    h('label', { class: 'row' }, h('input', { type: 'radio', name: 'role', value: 'group', id: 'as-group' }), 'Dealer group managers'),
    h('label', { for: 'group-name' }, 'Dealer group (for its managers)', group),
    h('label', { class: 'row' }, h('input', { type: 'radio', name: 'role', value: 'dealer', id: 'as-dealer' }), 'Dealership user'),
    h('label', { for: 'dealership-id' }, 'Dealership id (for a dealership user)', dealer)),
  h('button', { type: 'submit', class: 'primary', id: 'sign-in' }, 'Sign in'));
  render(main, form);
  form.elements.role[0].focus();
}

let navigation = 0;
let shownPath = null;

async function route() {
  // each navigation renders into its own box: an answer that arrives after the user moved on lands nowhere
  const ticket = ++navigation;
  const focusKey = focusedControl();
  // until the screen draws its own heading: never a blank page
  const view = h('div', {}, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  main.replaceChildren(view);
  const session = auth.current();
  if (!session) { signIn(); return; }
  shell(session);
  const refusal = session.refusal || (session.role === 'dealer' && !session.dealershipId ? { title: 'No dealership',
    message: 'Your account is in no dealership\'s group (dealer-<id>) and no dealer group\'s (group-<name>): ask national management to add it.' }
    : null);
  if (refusal) {
    render(view, h('h1', {}, refusal.title), errorBox({ status: 403, message: refusal.message }));
    return;
  }
  const [path, search] = (location.hash.slice(1) || '/').split('?');
  const query = new URLSearchParams(search || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  for (const link of document.querySelectorAll('#nav a')) {
    if (location.hash.startsWith(link.getAttribute('href'))) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const notAvailable = message => render(view, h('h1', {}, 'Not available'), errorBox({ status: 403, message }));
  const nationalOnly = screen => session.role === 'national' ? screen() : notAvailable('Only national management sees this screen.');
  // a dealer group's managers see their own group's league table, and no other scope
  const ownLeague = scope => session.role === 'group' && /^group:/i.test(scope || '')
    && auth.groupKey(scope.slice('group:'.length)) === auth.groupKey(session.group);
  const league = screen => {
    if (session.role === 'national' || ownLeague(query.get('scope'))) return screen();
    if (session.role !== 'group') return notAvailable('Only national management sees this screen.');
    notAvailable('A dealer group\'s managers see their own group\'s league table only.');
    view.append(h('p', {}, h('a', { href: home(session) }, `Go to the league table of ${auth.groupLabel(session.group)}`)));
  };
  try {
    if (parts.length === 0) go(home(session), true);
    else if (parts[0] === 'd' && parts.length === 2) await dealershipView(view, parts[1], query, go);
    else if (parts[0] === 'd' && parts[2] === 'agreements') await agreementsView(view, parts[1], parts[3], query);
    else if (parts[0] === 'd' && parts[2] === 'a') await agreementView(view, parts[1], parts[3], query);
    else if (parts[0] === 'd' && parts[2] === 'usage') await usageView(view, parts[1], query, go);
    else if (parts[0] === 'league') await league(() => leagueView(view, query, go));
    else if (parts[0] === 'targets') await nationalOnly(() => targetsView(view, query, go));
    else if (parts[0] === 'profile') await nationalOnly(() => profileView(view, parts[1], query, go));
    else render(view, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: home(session) }, 'Go to your start page')));
  } catch (error) {
    render(view, errorBox(error));
  }
  if (ticket !== navigation) return;
  const heading = view.querySelector('h1');
  document.title = `${heading ? heading.textContent + ' · ' : ''}Dealer KPI`;
  // a new screen (not a new range or order of the same one) is announced by moving focus to its heading, unless
  // it put focus back where the user left it (a list returned to)
  const focusKept = view.dataset.focusKept === 'true';
  if (heading && path !== shownPath && !focusKept) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  } else if (focusKey && view.querySelector(focusKey) && !focusKept) {
    view.querySelector(focusKey).focus();  // the same control, redrawn: keep the keyboard user's place
  }
  shownPath = path;
}

/** A selector for the focused control that survives a redraw (a range button, a sort header, an input). */
function focusedControl() {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  if (focused.dataset.range) return `[data-range="${CSS.escape(focused.dataset.range)}"]`;
  if (focused.dataset.sort) return `[data-sort="${CSS.escape(focused.dataset.sort)}"]`;
  return focused.id ? `#${CSS.escape(focused.id)}` : null;
}

document.querySelector('.skip').addEventListener('click', event => { event.preventDefault(); main.focus(); });
window.addEventListener('hashchange', route);
// a sign-in that expired (its renewal failed, or the API said 401): back to the sign-in screen
window.addEventListener('dealerkpi:signed-out', route);
// a sign-in that came back refused or garbled: say why, and offer to sign in again (the address keeps no code)
auth.start().then(route).catch(error => {
  history.replaceState(null, '', location.pathname);
  render(main, h('h1', {}, 'Sign in'), errorBox(error),
    h('p', {}, h('button', { type: 'button', class: 'primary', id: 'sign-in-again', onclick: () => location.reload() }, 'Sign in again')));
});
