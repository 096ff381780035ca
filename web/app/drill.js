// Behind a count: the agreements (paged, newest first), each agreement's history and milestones; and usage.
import { get, seg } from './api.js';
import { h, render, errorBox, rangeControls, rangeQuery, table, num, TITLES, time } from './ui.js';
import { current } from './auth.js';

/**
 * The dealership's time zone: its profile's, or the zone its reports use without one. A group's managers may not
 * read profiles: the zone a one-row page of its drill-down reports in is the same one.
 */
export async function zoneOf(id) {
  if (current().role === 'group') {
    return (await get(`/dealerships/${seg(id)}/kpi/contacted/agreements?range=mtd&limit=1`)).range.timezone;
  }
  try {
    return (await get(`/dealerships/${seg(id)}/profile`)).timezone;
  } catch (error) {
    if (error.status === 404) return 'Europe/London';
    throw error;
  }
}

// The list last shown, so that coming back to it (Back, or an agreement's link to it) finds it as it was left:
// as many pages, the agreement opened from it focused.
let lastList = null;
const LIST_KEPT_MS = 30 * 60 * 1000;

export async function agreementsView(main, id, stage, query) {
  const range = rangeQuery(query);
  const key = `${id}\n${stage}\n${range}`;
  const returning = lastList && lastList.key === key && Date.now() - lastList.at < LIST_KEPT_MS ? lastList : null;
  const kept = { key, pages: 0, opened: null, at: Date.now() };
  lastList = kept;
  const list = h('tbody');
  const more = h('button', { type: 'button', id: 'more' }, 'Show more');
  const status = h('p', { class: 'muted', role: 'status' }, 'Loading…');
  render(main, h('p', {}, h('a', { href: `#/d/${seg(id)}?${range}` }, `← Dealership ${id}`)),
    h('h1', {}, `${TITLES[stage] || stage}: agreements`), status,
    h('div', { class: 'table-wrap' }, h('table', { id: 'agreements' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Agreement'), h('th', { scope: 'col' }, 'Reached'), h('th', { scope: 'col' }, 'How'))),
      list)), more);
  const opened = new URLSearchParams(range);
  opened.set('list', stage);
  let cursor = null;
  let shown = 0;
  const load = async () => {
    more.disabled = true;  // one request per cursor, however often it is clicked
    const firstNew = list.children.length;
    const page = new URLSearchParams(range);
    page.set('limit', '50');
    if (cursor) page.set('cursor', cursor);
    try {
      const answer = await get(`/dealerships/${seg(id)}/kpi/${seg(stage)}/agreements?${page}`);
      for (const item of answer.items) {
        const link = h('a', { href: `#/d/${seg(id)}/a/${seg(item.agreementId)}?${opened}` }, item.agreementId);
        link.addEventListener('click', () => { kept.opened = item.agreementId; kept.at = Date.now(); });
        list.append(h('tr', {}, h('th', { scope: 'row' }, link),
          h('td', {}, time(item.at, answer.range.timezone)), h('td', {}, item.backfilled ? 'back-filled by a later status' : 'set')));
      }
      if (firstNew > 0 && list.children[firstNew]) list.children[firstNew].querySelector('a').focus();
      shown += answer.items.length;
      kept.pages++;
      status.textContent = `${answer.range.from} to ${answer.range.to}: ${num(shown)} shown${answer.nextCursor ? ', more to come' : ''}`;
      cursor = answer.nextCursor || null;
      more.hidden = !cursor;
      more.disabled = false;
      return true;
    } catch (error) {
      main.append(errorBox(error));
      more.hidden = true;
      return false;
    }
  };
  more.addEventListener('click', load);
  let loaded = await load();
  if (!returning) return;
  while (loaded && cursor && kept.pages < returning.pages) loaded = await load();
  const back = [...list.querySelectorAll('th a')].find(link => link.textContent === returning.opened);
  if (back) {
    back.focus();
    back.scrollIntoView({ block: 'center' });
    main.dataset.focusKept = 'true';  // the router leaves focus here rather than on the heading
  }
}

export async function agreementView(main, id, agreementId, query) {
  // back to the list it was opened from, or to the dealership, over the range the agreement was found in
  const list = query.get('list');
  const back = h('p', {}, list && TITLES[list]
    ? h('a', { href: `#/d/${seg(id)}/agreements/${seg(list)}?${rangeQuery(query)}` }, `← ${TITLES[list]}: agreements`)
    : h('a', { href: `#/d/${seg(id)}?${rangeQuery(query)}` }, `← Dealership ${id}`));
  render(main, back, h('h1', {}, `Agreement ${agreementId}`), h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  try {
    const [a, zone] = await Promise.all([get(`/dealerships/${seg(id)}/agreements/${seg(agreementId)}`), zoneOf(id)]);
    const at = iso => time(iso, zone);
    render(main, back,
      h('h1', {}, `Agreement ${a.agreementId}`), h('p', { class: 'sub' }, `Current status: ${a.currentStatus || '–'}`,
        ` · times in ${zone}`),
      h('h2', {}, 'Milestones'),
      table('Milestones', ['Stage', 'First reached', 'How'], Object.entries(a.milestones).map(([stage, m]) =>
        h('tr', {}, h('th', { scope: 'row' }, TITLES[stage.toLowerCase()] || stage), h('td', {}, at(m.at)),
          h('td', {}, m.backfilled ? 'back-filled' : 'set'))), { id: 'milestones' }),
      h('h2', {}, 'History'),
      table('History', ['Status', 'When', 'By'], a.history.map(u => h('tr', {}, h('th', { scope: 'row' }, u.status),
        h('td', {}, at(u.occurredAt)), h('td', {}, u.userId))), { id: 'history' }),
      a.voided.length ? [h('h2', {}, 'Voided updates'), table('Voided', ['Status', 'When', 'Voided', 'By', 'Reason'],
        a.voided.map(v => h('tr', {}, h('th', { scope: 'row' }, v.status), h('td', {}, at(v.occurredAt)), h('td', {}, at(v.voidedAt)),
          h('td', {}, v.voidedBy), h('td', {}, v.reason))))] : null);
  } catch (error) {
    render(main, back, h('h1', {}, `Agreement ${agreementId}`), errorBox(error));
  }
}

export async function usageView(main, id, query, go) {
  const range = rangeQuery(query);
  const back = h('p', {}, h('a', { href: `#/d/${seg(id)}?${range}` }, `← Dealership ${id}`));
  const controls = () => rangeControls(query, q => go(`#/d/${seg(id)}/usage?${q}`));
  render(main, back, h('h1', {}, `Usage: ${id}`), h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  try {
    const u = await get(`/dealerships/${seg(id)}/usage?${range}`);
    const counts = (caption, entries, label, id) => table(caption, [label, 'Updates'],
      entries.map(([key, n]) => h('tr', {}, h('th', { scope: 'row' }, key), h('td', {}, num(n)))), { id });
    render(main, back,
      h('h1', {}, `Usage: ${id}`), h('p', { class: 'sub', id: 'range-shown' },
        `${u.range.from} to ${u.range.to}${u.range.timezone ? ` · ${u.range.timezone}` : ''} · ${num(u.total)} updates`),
      controls(),
      u.total === 0 ? h('p', { id: 'no-activity' }, 'No activity in this range: no status was set on any agreement.') : [
        h('h2', {}, 'By status'), counts('By status', Object.entries(u.byStatus), 'Status', 'by-status'),
        h('h2', {}, 'By user'), counts('By user', Object.entries(u.byUser), 'User', 'by-user'),
        h('h2', {}, 'By day'), counts('By day', u.daily.map(d => [d.date, d.total]), 'Day', 'by-day')]);
  } catch (error) {
    // the range controls stay, so a range the API refused can be put right
    render(main, back, h('h1', {}, `Usage: ${id}`), controls(), errorBox(error));
  }
}
