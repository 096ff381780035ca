// A dealership's screen: the KPI switch and custom range, contact-to-sale against target, the funnel against targets,
// the monthly chart, comparison, pace, cohorts and time to convert — read in one round of parallel requests.
import { get, seg } from './api.js';
import { h, render, errorBox, rangeControls, rangeQuery, trail, table, rag, num, pct, days, downloadButton, STAGES, TITLES } from './ui.js';
import { monthlyChart } from './chart.js';
import { current, groupLabel } from './auth.js';
import { leagueHref, leagueBack } from './league.js';

const RATE = {
  contacted: ['contactRatePerMonth', 'contactRatePerMonth', 'of the database a month'],
  appointed: ['appointedPerContacted', 'appointedRate', 'of contacted'],
  attended: ['attendedPerAppointed', 'attendedRate', 'of appointed'],
  sold: ['soldPerAttended', 'soldRate', 'of attended'],
};

export async function dealershipView(main, id, query, go) {
  const range = rangeQuery(query);
  const kpiQuery = new URLSearchParams(range);
  if (query.get('compare')) kpiQuery.set('compare', query.get('compare'));
  const base = `/dealerships/${seg(id)}`;
  const session = current();
  // a group's managers may not read profiles: the report names the dealership, and their pages lead back to their
  // league; national management's lead back to the league table they came from (a region's, a brand's...)
  const toLeague = session.role === 'national' ? leagueBack(query.get('league'), range, id) : null;
  const back = session.role === 'group'
    ? h('p', {}, h('a', { href: `${leagueHref(`group:${session.group}`)}&${range}` }, `← League table: ${groupLabel(session.group)}`))
    : toLeague ? h('p', {}, toLeague) : null;
  const onward = trail(query);
  render(main, back, h('h1', {}, `Dealership ${id}`), h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  const [kpi, cohorts] = await Promise.allSettled([get(`${base}/kpi?${kpiQuery}`), get(`${base}/kpi/cohorts?${range}`)]);
  if (kpi.status === 'rejected') {
    // the range controls stay, so a range the API refused (e.g. from after to) can be put right
    render(main, back, h('h1', {}, `Dealership ${id}`), rangeControls(query, q => go(`#/d/${seg(id)}?${q}`), { compare: true }),
      errorBox(kpi.reason));
    return;
  }
  const report = kpi.value;
  const name = report.name;
  const csvName = `kpi-${id}-${report.range.kind}.csv`;
  const downloading = h('div', { role: 'status', id: 'download-status' });
  render(main, back,
    h('h1', {}, name ? `${name} (${id})` : `Dealership ${id}`),
    h('p', { class: 'sub', id: 'range-shown' }, `${report.range.from} to ${report.range.to} · ${report.range.timezone}`),
    rangeControls(query, q => go(`#/d/${seg(id)}?${q}`), { compare: true, shown: report.range }),
    headline(report),
    h('h2', {}, 'Funnel against target'),
    funnel(report, id, onward),
    report.comparison ? comparison(report) : null,
    h('h2', {}, 'Month by month'),
    h('div', { class: 'legend', 'aria-hidden': 'true' }, h('span', { class: 'c' }, 'Contacted'), h('span', { class: 's' }, 'Sold'),
      h('span', { class: 't' }, 'Sold target'), h('span', { class: 'n' }, 'Contacts, no sales')),
    monthlyChart(report.monthly),
    monthlyTable(report.monthly),
    h('h2', {}, 'Time to convert (median, agreements sold in the range)'),
    timeToConvert(report.timeToConvert),
    h('h2', {}, 'Contact cohorts'),
    h('p', { class: 'muted' }, 'Agreements first contacted in each month, and how far those same agreements have got since.'),
    cohorts.status === 'fulfilled' ? cohortTable(cohorts.value) : errorBox(cohorts.reason),
    report.notes.length ? h('section', {}, h('h2', {}, 'Notes'), h('ul', { class: 'notes' }, report.notes.map(n => h('li', {}, n)))) : null,
    h('h2', {}, 'More'),
    h('div', { class: 'controls' },
      downloadButton('Download CSV', `${base}/kpi?${range}&format=csv`, csvName, downloading),
      downloadButton('Download cohorts CSV', `${base}/kpi/cohorts?${range}&format=csv`, `cohorts-${id}.csv`, downloading),
      downloadButton('Printable report', `${base}/kpi?${range}&format=html`, `kpi-${id}.html`, downloading),
      h('a', { class: 'button', href: `#/d/${seg(id)}/usage?${onward}` }, 'Usage'),
      session.role === 'national' ? [h('a', { class: 'button', href: `#/profile/${seg(id)}` }, 'Edit profile'),
        h('a', { class: 'button', href: `#/targets?scope=${encodeURIComponent(`dealership:${id}`)}` }, 'Edit targets')] : null),
    downloading);
}

function headline(report) {
  const ratio = report.contactToSale;
  const cards = [
    h('div', { class: 'card', id: 'contact-to-sale' }, h('div', { class: 'label' }, 'Contact to sale'),
      h('div', { class: 'big' }, ratio.label), h('div', {}, `target ${ratio.targetLabel} `,
        // fewer contacts per sale is better: the API's percentage is the target ratio over this one
        ratio.ratio === null ? h('span', { class: 'rag none', id: 'ratio-reason' }, ratio.note || 'no activity yet')
          : rag(ratio.ofTargetPercent))),
    h('div', { class: 'card' }, h('div', { class: 'label' }, 'Sold'), h('div', { class: 'big', id: 'sold-count' }, num(report.counts.sold)),
      report.pace ? h('div', { id: 'pace' }, `pace ${num(report.pace.counts.sold)} by ${report.pace.until}`) : null),
    h('div', { class: 'card' }, h('div', { class: 'label' }, 'Contacted'), h('div', { class: 'big' }, num(report.counts.contacted)),
      report.pace ? h('div', {}, `pace ${num(report.pace.counts.contacted)} by ${report.pace.until}`) : null),
  ];
  if (report.comparison) {
    cards.push(h('div', { class: 'card' }, h('div', { class: 'label' }, 'Contact to sale, compared period'),
      h('div', { class: 'big' }, report.comparison.contactToSale.label),
      h('div', {}, `${report.comparison.range.from} to ${report.comparison.range.to}`)));
  }
  return h('div', { class: 'cards' }, cards);
}

/** @param onward what the counts' links carry on (the range, and the way back to a league table) */
function funnel(report, id, onward) {
  const targetCounts = report.targets.counts;
  const rows = STAGES.map(stage => {
    const [rateField, targetField, of] = RATE[stage];
    const target = targetCounts ? targetCounts[stage] : null;
    const count = report.counts[stage];
    return h('tr', { 'data-stage': stage },
      h('th', { scope: 'row' }, TITLES[stage]),
      h('td', {}, h('a', { href: `#/d/${seg(id)}/agreements/${stage}?${onward}`, 'aria-label': `${num(count)} ${stage}: list the agreements` }, num(count))),
      h('td', {}, num(target)),
      h('td', {}, rag(report.ofTargetPercent[stage])),
      h('td', {}, `${pct(report.rates[rateField])} ${of}`),
      h('td', {}, pct(report.targets[targetField])),
      h('td', { class: 'muted' }, report.targets.source[targetField] || ''),
      report.pace ? h('td', {}, num(report.pace.counts[stage])) : null);
  });
  const head = ['Stage', 'Count', 'Target', '% of target', 'Rate', 'Target rate', 'Target from'];
  if (report.pace) head.push(`Pace to ${report.pace.until}`);
  return table('Funnel against target', head, rows, { id: 'funnel' });
}

function comparison(report) {
  const other = report.comparison;
  const rows = STAGES.map(stage => {
    const change = other.changePercent[stage];
    return h('tr', {}, h('th', { scope: 'row' }, TITLES[stage]), h('td', {}, num(report.counts[stage])),
      h('td', {}, num(other.counts[stage])), h('td', {}, change === null ? '–' : `${change >= 0 ? '+' : ''}${change}%`));
  });
  rows.push(h('tr', {}, h('th', { scope: 'row' }, 'Contact to sale'), h('td', {}, report.contactToSale.label),
    h('td', {}, other.contactToSale.label), h('td', {}, '')));
  return h('section', { id: 'comparison' }, h('h2', {}, `Compared with ${other.range.from} to ${other.range.to}`),
    table('Comparison', ['', 'This range', 'Compared', 'Change'], rows));
}

function monthlyTable(monthly) {
  const rows = monthly.map(m => h('tr', { class: m.contacted > 0 && m.sold === 0 ? 'nosale' : null, 'data-month': m.month },
    h('th', { scope: 'row' }, m.month), STAGES.map(s => h('td', {}, num(m[s]))),
    h('td', {}, m.contactToSaleLabel), h('td', {}, m.target ? num(m.target.sold) : '–'),
    h('td', { class: 'muted' }, m.contactToSaleNote || '')));
  return table('Month by month', ['Month', 'Contacted', 'Appointed', 'Attended', 'Sold', 'Contact to sale', 'Sold target', 'Why n/a'],
    rows, { id: 'monthly' });
}

function timeToConvert(time) {
  const steps = [['contactedToAppointed', 'Contacted → appointed'], ['appointedToAttended', 'Appointed → attended'],
    ['attendedToSold', 'Attended → sold'], ['contactedToSold', 'Contacted → sold']];
  return h('div', { class: 'cards', id: 'time-to-convert' }, steps.map(([field, label]) =>
    h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'big' }, days(time[field])))));
}

function cohortTable(answer) {
  return table('Contact cohorts', ['Month contacted', 'Contacted', 'Appointed', 'Attended', 'Sold', 'Sold of contacted'],
    answer.cohorts.map(row => h('tr', {}, h('th', { scope: 'row' }, row.month), STAGES.map(s => h('td', {}, num(row[s]))),
      h('td', {}, pct(row.soldPerContacted)))), { id: 'cohorts' });
}

