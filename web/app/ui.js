// DOM building without innerHTML (every text from the API is set as text), formatting, shared controls.
import { download } from './api.js';

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const STAGES = ['contacted', 'appointed', 'attended', 'sold'];
export const TITLES = { contacted: 'Contacted', appointed: 'Appointed', attended: 'Attended', sold: 'Sold' };

export const num = value => value === null || value === undefined ? '–' : Number(value).toLocaleString('en-GB');
/** A share the API rounded (0.667, 0.0285) as the percentage it already is (66.7%, 2.85%): no second rounding. */
export const pct = value => value === null || value === undefined ? '–' : `${Number((value * 100).toPrecision(12))}%`;
/** A moment as the dealership's staff live it: in its time zone, with that zone's offset (GMT+1). */
export const time = (iso, timeZone) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric',
  hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'shortOffset' });
export const days = value => value === null || value === undefined ? '–' : `${value} days`;

/**
 * Red, amber or green for a share of target, from the whole percentage the API printed: 100 and more, 90 to 99, or
 * below 90. The percentage is shown beside the colour, and its meaning in words.
 */
export function rag(percent, none = 'no target') {
  if (percent === null || percent === undefined) return h('span', { class: 'rag none' }, none);
  const colour = percent >= 100 ? 'green' : percent >= 90 ? 'amber' : 'red';
  const word = { green: 'on target', amber: 'near target', red: 'behind target' }[colour];
  // the colour's meaning in words too, for screen readers and for anyone who cannot tell the colours apart
  return h('span', { class: `rag ${colour}`, title: word }, `${percent}%`, h('span', { class: 'visually-hidden' }, `, ${word}`));
}

export function render(target, ...children) {
  target.replaceChildren(...children.flat().filter(Boolean));
}

/**
 * A download button that says in {@code status} that it is preparing the file (a national CSV can take seconds), and
 * why it failed if it did; disabled meanwhile, so a second click does not ask again.
 */
export function downloadButton(label, path, filename, status) {
  const button = h('button', { type: 'button', onclick: async () => {
    button.disabled = true;
    status.replaceChildren(`Preparing ${filename}…`);
    try {
      await download(path, filename);
      status.replaceChildren(`${filename} downloaded.`);
    } catch (error) {
      status.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
    }
  } }, label);
  return button;
}

export function errorBox(error) {
  const status = error.status ? ` (${error.status})` : '';
  const message = { 0: 'Could not reach the service:', 400: 'Not accepted:', 401: 'Your sign-in has ended: sign in again.',
    403: 'You do not have access to this.', 404: 'Nothing found here yet.',
    409: 'Changed by someone else meanwhile: reload and try again.', 503: 'The service is busy: try again in a moment.' }[error.status]
    || 'Something went wrong on our side: try again, and if it keeps happening, raise a ticket at the Support Portal.';
  // a 5xx's own words say the same and point at logs the user cannot see
  const detail = error.status >= 500 && error.status !== 503 ? '' : error.message;
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, message + status), ' ', detail);
}

/** The KPI switch, a custom range and (optionally) a comparison; calls change(query) with the new query. */
export function rangeControls(query, change, { compare = false, shown = null } = {}) {
  const kinds = [['ytd', 'Year to date'], ['mtd', 'This month'], ['last-month', 'Last month'], ['all', 'All time']];
  const active = query.get('from') ? 'custom' : (query.get('range') || 'ytd');
  const next = mutate => { const q = new URLSearchParams(query); mutate(q); change(q); };
  // the dates of the range on screen, so a custom range starts from them
  const from = h('input', { type: 'date', id: 'range-from', value: query.get('from') || (shown && shown.from) || '', required: true });
  const to = h('input', { type: 'date', id: 'range-to', value: query.get('to') || (shown && shown.to) || '', required: true });
  const custom = h('form', { class: 'controls', 'aria-label': 'Custom range', onsubmit: event => {
    event.preventDefault();
    next(q => { q.delete('range'); q.set('from', from.value); q.set('to', to.value); });
  } }, h('label', { for: 'range-from' }, 'From', from), h('label', { for: 'range-to' }, 'To', to),
  h('button', { type: 'submit' }, 'Apply range'));
  const parts = [h('div', { class: 'switch', role: 'group', 'aria-label': 'Range' },
    kinds.map(([kind, label]) => h('button', { type: 'button', 'aria-pressed': String(active === kind), 'data-range': kind,
      onclick: () => next(q => { q.set('range', kind); q.delete('from'); q.delete('to'); }) }, label))), custom];
  if (compare) {
    const select = h('select', { id: 'compare', onchange: () => next(q => select.value ? q.set('compare', select.value) : q.delete('compare')) },
      [['', 'No comparison'], ['previous', 'Previous period'], ['last-year', 'Same period last year']].map(([value, label]) =>
        h('option', { value, selected: (query.get('compare') || '') === value }, label)));
    parts.push(h('label', { for: 'compare' }, 'Compare with', select));
  }
  return h('div', { class: 'controls' }, parts);
}

/** The range part of a query, as the API takes it. */
export function rangeQuery(query) {
  const q = new URLSearchParams();
  for (const name of ['range', 'from', 'to']) if (query.get(name)) q.set(name, query.get(name));
  return q;
}

/** What a screen's links carry on: its range, and the league table a dealership was opened from (to lead back to). */
export function trail(query) {
  const q = rangeQuery(query);
  if (query.get('league')) q.set('league', query.get('league'));
  return q;
}

/** A stage named in an address, if it is one (an address is typed or pasted: anything else is no stage). */
export const stageTitle = stage => Object.hasOwn(TITLES, stage || '') ? TITLES[stage] : null;

export function table(caption, head, rows, attrs = {}) {
  return h('div', { class: 'table-wrap' }, h('table', attrs, caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, head.map(cell => cell instanceof Node ? cell : h('th', { scope: 'col' }, cell)))),
    h('tbody', {}, rows)));
}
