// Behind a count: the agreements (paged, newest first), each agreement's history and milestones; and usage.
import { get, seg } from './api.js';
import { h, render, errorBox, rangeControls, rangeQuery, trail, table, num, stageTitle, time } from './ui.js';
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

// The agreement last opened from a list, so that its back link returns to that list as Back does (restored);
// opened any other way, its back link is a new visit to the list.
let openedFromList = null;

export async function agreementsView(main, id, stage, query) {
  const range = rangeQuery(query);
  const onward = trail(query);
  // the list as it was left, when Back (or the agreement's own back link) returns to this entry of the history
  const key = `${id}\n${stage}\n${range}`;
  const saved = history.state && history.state.list === key ? history.state : null;
  const kept = { list: key, pages: 0, opened: null };
  const list = h('tbody');
  const more = h('button', { type: 'button', id: 'more' }, 'Show more');
  const status = h('p', { class: 'muted', role: 'status' }, 'Loading…');
  render(main, h('p', {}, h('a', { href: `#/d/${seg(id)}?${onward}` }, `← Dealership ${id}`)),
    h('h1', {}, `${stageTitle(stage) || stage}: agreements`), status,
    h('div', { class: 'table-wrap' }, h('table', { id: 'agreements' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Agreement'), h('th', { scope: 'col' }, 'Reached'), h('th', { scope: 'col' }, 'How'))),
      list)), more);
  const opened = new URLSearchParams(onward);
  opened.set('list', stage);
  let cursor = null;
  let shown = 0;
  const load = async ({ restoring = false } = {}) => {
    more.disabled = true;  // one request per cursor, however often it is clicked
    const firstNew = list.children.length;
    const page = new URLSearchParams(range);
    page.set('limit', '50');
    if (cursor) page.set('cursor', cursor);
    try {
      const answer = await get(`/dealerships/${seg(id)}/kpi/${seg(stage)}/agreements?${page}`);
      for (const item of answer.items) {
        const link = h('a', { href: `#/d/${seg(id)}/a/${seg(item.agreementId)}?${opened}` }, item.agreementId);
        link.addEventListener('click', () => {
          kept.opened = item.agreementId;
          history.replaceState(kept, '');
          openedFromList = { id, agreementId: item.agreementId };
        });
        list.append(h('tr', {}, h('th', { scope: 'row' }, link),
          h('td', {}, time(item.at, answer.range.timezone)), h('td', {}, item.backfilled ? 'back-filled by a later status' : 'set')));
      }
      if (firstNew > 0 && !restoring && list.children[firstNew]) list.children[firstNew].querySelector('a').focus();
      shown += answer.items.length;
      kept.pages++;
      history.replaceState(kept, '');
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
  more.addEventListener('click', () => load());
  let loaded = await load({ restoring: Boolean(saved) });
  if (!saved) return;
  while (loaded && cursor && kept.pages < saved.pages) loaded = await load({ restoring: true });
  const back = [...list.querySelectorAll('th a')].find(link => link.textContent === saved.opened);
  if (back) {
    back.focus();
    back.scrollIntoView({ block: 'center' });
    main.dataset.focusKept = 'true';  // the router leaves focus here rather than on the heading
  }
}

export async function agreementView(main, id, agreementId, query) {
  // back to the list it was opened from (as it was left), or to the dealership, over the range it was found in
  const list = stageTitle(query.get('list')) ? query.get('list') : null;
  const fromList = list && openedFromList && openedFromList.id === id && openedFromList.agreementId === agreementId;
  const link = list
    ? h('a', { href: `#/d/${seg(id)}/agreements/${seg(list)}?${trail(query)}` }, `← ${stageTitle(list)}: agreements`)
    : h('a', { href: `#/d/${seg(id)}?${trail(query)}` }, `← Dealership ${id}`);
  if (fromList) link.addEventListener('click', event => { event.preventDefault(); history.back(); });
  const back = h('p', {}, link);
  render(main, back, h('h1', {}, `Agreement ${agreementId}`), h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  try {
    const [a, zone] = await Promise.all([get(`/dealerships/${seg(id)}/agreements/${seg(agreementId)}`), zoneOf(id)]);
    const at = iso => time(iso, zone);
    render(main, back,
      h('h1', {}, `Agreement ${a.agreementId}`), h('p', { class: 'sub' }, `Current status: ${a.currentStatus || '–'}`,
        ` · times in ${zone}`),
      h('h2', {}, 'Milestones'),
      table('Milestones', ['Stage', 'First reached', 'How'], Object.entries(a.milestones).map(([stage, m]) =>
        h('tr', {}, h('th', { scope: 'row' }, stageTitle(stage.toLowerCase()) || stage), h('td', {}, at(m.at)),
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
  const back = h('p', {}, h('a', { href: `#/d/${seg(id)}?${trail(query)}` }, `← Dealership ${id}`));
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
