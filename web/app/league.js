// The league table: national management's national, region, brand or dealer group roll-up, or a dealer group's
// managers' own group; one row per dealership, sortable, red/amber/green against target, each row through to its dealership.
import { get, download, seg } from './api.js';
import { h, render, errorBox, rangeControls, rangeQuery, num, rag, STAGES, TITLES } from './ui.js';
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

/** A roll-up's scope as its heading says it: "Arnold Clark (dealer group)", "North (region)", "National". */
function scopeTitle(scope) {
  const { kind, name } = parseScope(scope);
  const kinds = { region: 'region', brand: 'brand', group: 'dealer group' };
  return kinds[kind] ? `${name} (${kinds[kind]})` : 'National';
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

export async function leagueView(main, query, go) {
  const scope = query.get('scope') || 'national';
  const range = rangeQuery(query);
  render(main, h('h1', {}, 'League table'), h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  // only national may list the scopes: a group's managers ask for their own roll-up and nothing else
  const national = current().role === 'national';
  const [rollUp, ...lists] = await Promise.allSettled([get(`${scopePath(scope)}?${range}`),
    ...(national ? SCOPE_LISTS.map(([, , path]) => get(path)) : [])]);
  if (rollUp.status === 'rejected') {
    render(main, h('h1', {}, 'League table'), rangeControls(query, q => go(`#/league?${q}`)), errorBox(rollUp.reason));
    return;
  }
  const data = rollUp.value;
  const sortKey = query.get('sort') || 'name';
  const descending = query.get('order') === 'desc';
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
        h('th', { scope: 'row' }, h('a', { href: `#/d/${seg(r.dealershipId)}?${range}` }, r.name ? `${r.name} (${r.dealershipId})` : r.dealershipId),
          r.profile ? null : h('span', { class: 'muted' }, ' (no profile)')),
        h('td', {}, r.region || '–'), h('td', {}, r.brand || '–'), h('td', {}, r.group || '–'), h('td', {}, r.contactToSale.label),
        STAGES.map(stage => h('td', {}, rag(r.ofTargetPercent[stage]))), h('td', {}, num(r.counts.sold))))))),
    data.notes.length ? h('ul', { class: 'notes' }, data.notes.map(n => h('li', {}, n))) : null,
    h('div', { class: 'controls' }, h('button', { type: 'button', onclick: () => download(`${scopePath(scope)}?${range}&format=csv`,
      `kpi-${scope.replace(':', '-')}.csv`) }, 'Download CSV'),
      h('button', { type: 'button', onclick: () => download(`${scopePath(scope)}?${range}&format=html`,
        `league-${scope.replace(':', '-')}.html`) }, 'Printable league table')));
}

/** Missing values sort last either way. */
function compare(a, b, descending) {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  const order = a < b ? -1 : a > b ? 1 : 0;
  return descending ? -order : order;
}
