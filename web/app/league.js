// The league table: national management's national, region, brand or dealer group roll-up, or a dealer group's
// managers' own group; one row per dealership, sortable, red/amber/green against target, each row through to its dealership.
import { get, seg } from './api.js';
import { h, render, errorBox, rangeControls, rangeQuery, num, rag, downloadButton, STAGES, TITLES } from './ui.js';
import { current, groupKey } from './auth.js';

const RANGE_NAMES = { ytd: 'Year to date', mtd: 'This month', 'last-month': 'Last month', all: 'All time' };

const COLUMNS = [
  { key: 'name', label: 'Dealership', value: r => (r.name || r.dealershipId).toLowerCase(), numeric: false },
  { key: 'region', label: 'Region', value: r => (r.region || '').toLowerCase(), numeric: false },
  { key: 'brand', label: 'Brand', value: r => (r.brand || '').toLowerCase(), numeric: false },
  { key: 'group', label: 'Dealer group', value: r => (r.group || '').toLowerCase(), numeric: false },
  { key: 'contactToSale', label: 'Contact to sale', value: r => r.contactToSale.ratio, numeric: true },
  ...STAGES.map(stage => ({ key: `of-${stage}`, label: `${TITLES[stage]} % of target`, value: r => r.ofTarget[stage], numeric: true })),
  { key: 'sold', label: 'Sold', value: r => r.counts.sold, numeric: true },
];

/** A scope as the address names it (national, region:North, group:Arnold Clark): its kind lower-cased, and its name. */
function parseScope(scope) {
  const [kind, ...rest] = scope.split(':');
  return { kind: kind.trim().toLowerCase(), name: rest.join(':') };
}

function scopePath(scope) {
  const { kind, name } = parseScope(scope);
  return kind === 'region' ? `/regions/${seg(name)}/kpi` : kind === 'brand' ? `/brands/${seg(name)}/kpi`
    : kind === 'group' ? `/groups/${seg(name)}/kpi` : '/kpi';
}

const SCOPE_KINDS = { region: 'region', brand: 'brand', group: 'dealer group' };

/** A roll-up's scope as its heading says it: "Arnold Clark (dealer group)", "North (region)", "National". */
function scopeTitle(scope) {
  const { kind, name } = parseScope(scope);
  return Object.hasOwn(SCOPE_KINDS, kind) ? `${name} (${SCOPE_KINDS[kind]})` : 'National';
}

/**
 * The way back to the league table a dealership was opened from: the table's address as it was (scope and order;
 * the range travels on its own) and the dealership, whose row gets the focus there; or null if the address names no
 * table (it is typed or pasted: only a scope is taken).
 */
export function leagueBack(league, range, dealershipId) {
  const table = new URLSearchParams(league || '');
  const scope = table.get('scope');
  if (!scope || !(scope === 'national' || Object.hasOwn(SCOPE_KINDS, parseScope(scope).kind))) return null;
  const back = new URLSearchParams({ scope });
  for (const name of ['sort', 'order']) if (table.get(name)) back.set(name, table.get(name));
  back.set('from', dealershipId);
  return h('a', { href: `#/league?${back}&${range}` }, `← League table: ${scopeTitle(scope)}`);
}

/** The address of a scope's league table. */
export const leagueHref = scope => `#/league?${new URLSearchParams({ scope })}`;

const SCOPE_LISTS = [['region', 'Regions', '/regions'], ['brand', 'Brands', '/brands'], ['group', 'Dealer groups', '/groups']];

/**
 * National's scope picker: the national roll-up, then every region, brand and dealer group (lists that could not be
 * read are left out). A group's managers have one scope, their own group: no picker.
 */
function scopePicker(scope, lists, query, go) {
  const options = [h('option', { value: 'national' }, 'All dealerships (national)')];
  SCOPE_LISTS.forEach(([kind, label], i) => {
    if (lists[i].status !== 'fulfilled') return;
    const optgroup = h('optgroup', { label });
    lists[i].value.forEach(s => optgroup.append(h('option', { value: `${kind}:${s.name}` }, `${s.name} (${s.dealerships})`)));
    options.push(optgroup);
  });
  const picker = h('select', { id: 'scope', onchange: () => { const q = new URLSearchParams(query); q.set('scope', picker.value); go(`#/league?${q}`); } }, options);
  // the scope as the list spells it, whatever the address says (names match case-insensitively; groups as groupKey says)
  const key = v => /^group:/i.test(v) ? `group:${groupKey(v.slice('group:'.length))}` : v.trim().toLowerCase();
  picker.value = [...picker.querySelectorAll('option')].map(o => o.value).find(v => key(v) === key(scope)) || scope;
  return h('div', { class: 'controls' }, h('label', { for: 'scope' }, 'Scope', picker));
}

/**
 * The last table read, so that sorting it (a new address, the same caller, scope and range) does not ask the API
 * again: a national table can take seconds. Any other way back to the same address reads it afresh.
 */
let lastRead = null;
const REUSE_FOR_MS = 5 * 60 * 1000;

/** The roll-up and (for national) the scope lists: the last ones read if only the order on screen changed. */
async function read(scope, range, sorting, national) {
  const key = `${current().label}|${scope}|${range}`;
  if (lastRead && lastRead.key === key && lastRead.sorting !== sorting && Date.now() - lastRead.at < REUSE_FOR_MS) {
    lastRead.sorting = sorting;
    return lastRead.answers;
  }
  // only national may list the scopes: a group's managers ask for their own roll-up and nothing else
  const answers = await Promise.allSettled([get(`${scopePath(scope)}?${range}`),
    ...(national ? SCOPE_LISTS.map(([, , path]) => get(path)) : [])]);
  lastRead = answers[0].status === 'fulfilled' ? { key, sorting, answers, at: Date.now() } : null;
  return answers;
}

/** A roll-up refused for taking too long, in words a manager can act on (the API's message names its routes). */
function refusal(error, national) {
  if (error.status !== 503 || !/dealerships/.test(error.message)) return errorBox(error);
  return errorBox({ status: 503, message: national
    ? 'Too many dealerships to count over this range in time: pick a region, brand or dealer group above, or a shorter range.'
    : 'Too many dealerships to count over this range in time: pick a shorter range.' });
}

/** The columns the API sorts by, by its name for the order and whether that order is descending. */
const API_SORTS = { name: ['name', false], contactToSale: ['contactToSale', false], 'of-sold': ['ofTarget', true], sold: ['sold', true] };

/** The API's own order for a column sorted the way it sorts it (CSV and printable pages follow the screen). */
function apiSort(sortKey, descending) {
  const sort = API_SORTS[sortKey];
  return sort && sort[1] === descending ? `&sort=${sort[0]}` : '';
}

export async function leagueView(main, query, go) {
  // back from a dealership: its row gets the focus once, and the address forgets it (a sort must not jump there)
  const cameFrom = query.get('from');
  if (cameFrom) {
    query.delete('from');
    history.replaceState(history.state, '', `#/league?${query}`);
  }
  const scope = query.get('scope') || 'national';
  const range = rangeQuery(query);
  const sortKey = query.get('sort') || 'name';
  const descending = query.get('order') === 'desc';
  render(main, h('h1', {}, 'League table'), h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  const national = current().role === 'national';
  const [rollUp, ...lists] = await read(scope, range, `${sortKey}|${descending}`, national);
  if (rollUp.status === 'rejected') {
    // the scope picker and the range stay, so a table too large to count can be narrowed
    render(main, h('h1', {}, 'League table'), national ? scopePicker(scope, lists, query, go) : null,
      rangeControls(query, q => go(`#/league?${q}`)), refusal(rollUp.reason, national));
    return;
  }
  const data = rollUp.value;
  // the table as it is on screen, for a dealership's way back to it
  const tableQuery = new URLSearchParams({ scope });
  if (query.get('sort')) tableQuery.set('sort', sortKey);
  if (descending) tableQuery.set('order', 'desc');
  const column = COLUMNS.find(c => c.key === sortKey) || COLUMNS[0];
  const rows = [...data.dealerships].sort((a, b) => compare(column.value(a), column.value(b), descending));
  const sortBy = key => { const q = new URLSearchParams(query); const again = key === sortKey && !descending;
    q.set('sort', key); again ? q.set('order', 'desc') : q.delete('order'); go(`#/league?${q}`); };
  render(main,
    h('h1', {}, `League table: ${scopeTitle(data.scope)}`),
    h('p', { class: 'sub', id: 'range-shown' }, `${RANGE_NAMES[data.range.kind] || 'Custom range'}`,
      data.range.from ? ` · ${data.range.from} to ${data.range.to}` : '',
      ` · ${data.range.timezone || 'each dealership in its own time zone'}`),
    national ? scopePicker(scope, lists, query, go) : null,
    rangeControls(query, q => go(`#/league?${q}`)),
    h('div', { class: 'cards' },
      h('div', { class: 'card' }, h('div', { class: 'label' }, 'Contact to sale'), h('div', { class: 'big', id: 'scope-ratio' }, data.contactToSale.label),
        h('div', {}, `target ${data.targets.contactToSaleLabel}`)),
      h('div', { class: 'card' }, h('div', { class: 'label' }, 'Sold'), h('div', { class: 'big', id: 'scope-sold' }, num(data.counts.sold)),
        h('div', {}, `target ${data.targets.counts ? num(data.targets.counts.sold) : '–'}`)),
      h('div', { class: 'card' }, h('div', { class: 'label' }, 'Dealerships'), h('div', { class: 'big', id: 'scope-dealerships' }, num(data.dealerships.length)))),
    h('div', { class: 'table-wrap' }, h('table', { id: 'league' },
      h('caption', { class: 'visually-hidden' }, 'Dealerships against target; column headers sort'),
      h('thead', {}, h('tr', {}, COLUMNS.map(c => h('th', { scope: 'col', 'aria-sort': c.key === sortKey ? (descending ? 'descending' : 'ascending') : 'none' },
        h('button', { type: 'button', class: 'sort', 'data-sort': c.key, onclick: () => sortBy(c.key) }, c.label))))),
      h('tbody', {}, rows.map(r => h('tr', { 'data-dealership': r.dealershipId },
        h('th', { scope: 'row' }, h('a', { href: `#/d/${seg(r.dealershipId)}?${range}&${new URLSearchParams({ league: tableQuery })}` },
          r.name ? `${r.name} (${r.dealershipId})` : r.dealershipId),
          r.profile ? null : h('span', { class: 'muted' }, ' (no profile)')),
        h('td', {}, r.region || '–'), h('td', {}, r.brand || '–'), h('td', {}, r.group || '–'), h('td', {}, r.contactToSale.label),
        STAGES.map(stage => h('td', {}, rag(r.ofTargetPercent[stage]))), h('td', {}, num(r.counts.sold))))))),
    data.notes.length ? h('ul', { class: 'notes' }, data.notes.map(n => h('li', {}, n))) : null,
    downloads(scope, range, apiSort(sortKey, descending)));
  const row = cameFrom && [...main.querySelectorAll('#league tbody tr')].find(tr => tr.dataset.dealership === cameFrom);
  if (row) {
    row.querySelector('a').focus();
    main.dataset.focusKept = 'true';  // the router leaves focus on the row rather than the heading
  }
}

function downloads(scope, range, sort) {
  const status = h('div', { role: 'status', id: 'download-status' });
  const name = scope.replace(':', '-');
  return [h('div', { class: 'controls' },
    downloadButton('Download CSV', `${scopePath(scope)}?${range}${sort}&format=csv`, `kpi-${name}.csv`, status),
    downloadButton('Printable league table', `${scopePath(scope)}?${range}${sort}&format=html`, `league-${name}.html`, status)),
  status];
}

/** Missing values sort last either way. */
function compare(a, b, descending) {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  const order = a < b ? -1 : a > b ? 1 : 0;
  return descending ? -order : order;
}
