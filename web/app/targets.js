// National management's editors: a scope's targets (from a month on, with their timeline and history) and a
// dealership's profile. The API's validation messages are shown at the field they name.
import { get, put, del, seg, ApiError } from './api.js';
import { h, render, errorBox, table, pct, time } from './ui.js';
import { zoneOf } from './drill.js';

const RATES = [['contactRatePerMonth', 'Contact rate a month (of the database)'], ['appointedRate', 'Appointed (of contacted)'],
  ['attendedRate', 'Attended (of appointed)'], ['soldRate', 'Sold (of attended)']];

function scopePath(scope) {
  const [kind, ...rest] = scope.split(':');
  const name = rest.join(':');
  return kind === 'national' ? '/targets/national' : `/targets/${kind === 'dealership' ? 'dealerships' : kind + 's'}/${seg(name)}`;
}

function field(name, label, attrs = {}) {
  const input = h('input', { id: `f-${name}`, name, 'aria-describedby': `e-${name}`, ...attrs });
  return h('label', { for: `f-${name}` }, label, input, h('span', { class: 'field-error', id: `e-${name}` }));
}

/**
 * Puts each of the API's field errors beside its input (and focuses the first); the box above the form says what
 * is not at a field. The box alone is announced.
 */
function showErrors(form, box, error) {
  form.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  const placed = [];
  const unplaced = [];
  for (const { field: name, message } of (error instanceof ApiError ? error.errors : [])) {
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const label = input.closest('label').firstChild.textContent;
      form.querySelector(`#e-${CSS.escape(name)}`).textContent = `${name} ${message}`;
      placed.push(label);
    } else unplaced.push(`${name} ${message}`);
  }
  const message = placed.length ? [`Check ${placed.join(', ')}.`, ...unplaced].join(' ') : error.message;
  render(box, errorBox({ status: error.status, message }));
  const first = form.querySelector('[aria-invalid]');
  if (first) first.focus();
}

/** The names of the inputs the user changed, so a save sends exactly what was edited. */
function edits(form) {
  const edited = new Set();
  form.addEventListener('input', event => { if (event.target.name) edited.add(event.target.name); });
  return edited;
}

export async function targetsView(main, query, go) {
  const scope = query.get('scope') || 'national';
  const [kind, ...rest] = scope.split(':');
  const kindSelect = h('select', { id: 'scope-kind' }, ['national', 'region', 'brand', 'group', 'dealership'].map(k => h('option', { value: k }, k)));
  kindSelect.value = kind;
  const nameInput = h('input', { id: 'scope-name', value: rest.join(':'), placeholder: 'e.g. North, Ford, Arnold Clark or D1' });
  const picker = h('form', { class: 'controls', onsubmit: e => { e.preventDefault();
    go(`#/targets?scope=${encodeURIComponent(kindSelect.value === 'national' ? 'national' : `${kindSelect.value}:${nameInput.value.trim()}`)}`); } },
  h('label', { for: 'scope-kind' }, 'Scope', kindSelect), h('label', { for: 'scope-name' }, 'Name or id', nameInput),
  h('button', { type: 'submit' }, 'Open'));
  render(main, h('h1', {}, 'Targets'), picker, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  let answer;
  // a dealership's changes in its own zone; a wider scope's dealerships have several, so UTC
  let zone = 'UTC';
  try {
    [answer, zone] = await Promise.all([get(scopePath(scope)), kind === 'dealership' ? zoneOf(rest.join(':')) : zone]);
  } catch (error) {
    render(main, h('h1', {}, 'Targets'), picker, errorBox(error));
    return;
  }
  const box = h('div');
  const form = h('form', { class: 'edit', id: 'targets-form', novalidate: true },
    RATES.map(([name, label]) => field(name, `${label}, 0–1`, { type: 'number', step: '0.001', min: '0', max: '1',
      inputmode: 'decimal', value: answer.override[name] ?? '' })),
    // empty: the API takes the month the change is made in, in the scope's own time zone
    field('effectiveFrom', 'From month (empty: this month)', { type: 'month' }),
    h('div', { class: 'actions controls' }, h('button', { type: 'submit', class: 'primary' }, 'Save targets'),
      h('button', { type: 'button', id: 'remove-override', onclick: async () => {
        const from = form.elements.effectiveFrom.value;
        if (!confirm(`Remove every target ${answer.scope} sets, from ${from || 'this month'} on? Earlier months keep theirs.`)) return;
        try {
          await del(`${scopePath(scope)}${from ? `?effectiveFrom=${from}` : ''}`);
          go(`#/targets?scope=${encodeURIComponent(scope)}&saved=removed`, true);
        } catch (error) { showErrors(form, box, error); }
      } }, 'Remove this scope\'s override')));
  const edited = edits(form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {};
    for (const [name] of RATES) {
      const text = form.elements[name].value.trim();
      // the number as typed: the API says precisely what is wrong with it
      if (edited.has(name) && text !== '') body[name] = Number.isNaN(Number(text)) ? text : Number(text);
    }
    if (Object.keys(body).length === 0) {
      render(box, h('p', { class: 'muted', role: 'status' }, 'Nothing to save: change a rate first.'));
      return;
    }
    if (form.elements.effectiveFrom.value) body.effectiveFrom = form.elements.effectiveFrom.value;
    try {
      await put(scopePath(scope), body);
      go(`#/targets?scope=${encodeURIComponent(scope)}&saved=saved`, true);
    } catch (error) { showErrors(form, box, error); }
  });
  const saved = query.get('saved');
  const confirmation = saved ? confirmed(saved === 'removed' ? 'Override removed.' : 'Targets saved.') : null;
  render(main, h('h1', {}, `Targets: ${answer.scope}`), picker, confirmation,
    (answer.warnings || []).map(w => h('p', { class: 'muted' }, w)),
    h('h2', {}, 'In force this month (this scope\'s own values; the rest come from wider scopes or the defaults)'),
    table('Override', ['Rate', 'Value'], RATES.map(([name, label]) => h('tr', {}, h('th', { scope: 'row' }, label),
      h('td', {}, answer.override[name] === undefined ? 'not set here' : pct(answer.override[name])))), { id: 'override' }),
    h('h2', {}, 'Change'), h('div', { role: 'alert' }, box), form,
    h('h2', {}, 'Timeline'),
    table('Timeline', ['From', 'Values'], answer.timeline.map(t => h('tr', {}, h('th', { scope: 'row' }, t.effectiveFrom),
      h('td', {}, describe(t.values)))), { id: 'timeline' }),
    h('h2', {}, 'History'),
    table('History', ['When', 'By', 'Action', 'From month', 'Before', 'After'], answer.history.map(c => h('tr', {},
      h('th', { scope: 'row' }, time(c.at, zone)), h('td', {}, c.by), h('td', {}, c.action), h('td', {}, c.effectiveFrom),
      h('td', {}, describe(c.previous)), h('td', {}, describe(c.value)))), { id: 'history' }));
}

/**
 * A save's confirmation, focused once it is on screen: the form redrawn under the same address would otherwise leave
 * the keyboard's focus nowhere, and a status drawn already filled is not always announced.
 */
function confirmed(text) {
  const message = h('p', { class: 'ok', role: 'status', tabindex: '-1', id: 'saved' }, text);
  requestAnimationFrame(() => { if (message.isConnected) message.focus(); });
  return message;
}

function describe(values) {
  const parts = Object.entries(values || {}).map(([name, value]) => `${name} ${pct(value)}`);
  return parts.length ? parts.join(', ') : '(none)';
}

export async function profileView(main, id, query, go) {
  let profile = {};
  let exists = true;
  try {
    profile = await get(`/dealerships/${seg(id)}/profile`);
  } catch (error) {
    if (error.status !== 404) { render(main, h('h1', {}, `Profile: ${id}`), errorBox(error)); return; }
    exists = false;
  }
  const box = h('div');
  const form = h('form', { class: 'edit', id: 'profile-form', novalidate: true },
    field('name', 'Name', { value: profile.name ?? '' }), field('region', 'Region', { value: profile.region ?? '' }),
    field('brand', 'Brand', { value: profile.brand ?? '' }),
    field('group', 'Dealer group (empty: in no group)', { value: profile.group ?? '' }),
    field('timezone', 'Time zone (IANA)', { value: profile.timezone ?? 'Europe/London' }),
    field('databaseSize', 'Database size', { type: 'number', min: '0', step: '1', value: profile.databaseSize ?? '' }),
    field('effectiveFrom', 'Database size from month', { type: 'month' }),
    field('goLiveDate', 'Go-live date', { type: 'date', value: profile.goLiveDate ?? '' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, exists ? 'Save profile' : 'Create profile')));
  const edited = edits(form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {};
    for (const name of ['name', 'region', 'brand', 'timezone', 'goLiveDate']) {
      const value = form.elements[name].value.trim();
      if (edited.has(name) && value !== '') body[name] = value;
    }
    // the group, once edited, is sent even when emptied: an empty group takes the dealership out of its group
    if (edited.has('group')) body.group = form.elements.group.value.trim();
    const size = form.elements.databaseSize.value.trim();
    // a month given for the size sends the size with it, changed or not (a size restated from that month on)
    if ((edited.has('databaseSize') || edited.has('effectiveFrom')) && size !== '') {
      body.databaseSize = Number.isNaN(Number(size)) ? size : Number(size);
      if (form.elements.effectiveFrom.value) body.effectiveFrom = form.elements.effectiveFrom.value;
    }
    if (Object.keys(body).length === 0) {
      render(box, h('p', { class: 'muted', role: 'status' }, 'Nothing to save: change a field first.'));
      return;
    }
    try {
      await put(`/dealerships/${seg(id)}/profile`, body);
      go(`#/profile/${seg(id)}?saved=1`, true);
    } catch (error) { showErrors(form, box, error); }
  });
  render(main, h('p', {}, h('a', { href: `#/d/${seg(id)}` }, `← Dealership ${id}`)), h('h1', {}, `Profile: ${id}`),
    query.get('saved') ? confirmed('Profile saved.') : null,
    exists ? null : h('p', { class: 'muted' }, 'No profile yet: creating one.'), h('div', { role: 'alert' }, box), form,
    profile.databaseSizeTimeline && profile.databaseSizeTimeline.length ? [h('h2', {}, 'Database size over time'), table('Database size', ['From', 'Size'],
      profile.databaseSizeTimeline.map(t => h('tr', {}, h('th', { scope: 'row' }, t.effectiveFrom), h('td', {}, t.value ?? t.databaseSize))))] : null);
}
