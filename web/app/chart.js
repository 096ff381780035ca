// The monthly chart as inline SVG: contacts and sales per month, the sold target as a dashed line, months with
// contacts and no sales shaded. The monthly table beside it carries the same numbers for screen readers.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "2026-03" as "Mar 26": "26-03" reads as the 26th of March in the UK. */
function monthLabel(month) {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number - 1, 1)).toLocaleString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
}

export function monthlyChart(monthly) {
  const width = 900, height = 260, left = 44, bottom = 36, top = 12;
  // an even top, so the middle gridline is a whole number and every label is its line's value
  const max = 2 * Math.ceil(Math.max(1, ...monthly.flatMap(m => [m.contacted, m.sold, m.target ? m.target.sold : 0])) / 2);
  const slot = (width - left - 8) / Math.max(1, monthly.length);
  const y = value => top + (height - top - bottom) * (1 - value / max);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': `Contacts and sales per month, ${monthly.length} months; the table below has the numbers` });
  for (const tick of [0, max / 2, max]) {
    chart.append(svg('line', { x1: left, x2: width, y1: y(tick), y2: y(tick), stroke: '#d0d7de' }));
    chart.append(svg('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, tick.toLocaleString('en-GB')));
  }
  const targetPoints = [];
  monthly.forEach((month, i) => {
    const x = left + i * slot;
    if (month.contacted > 0 && month.sold === 0) {
      chart.append(svg('rect', { x, y: top, width: slot, height: height - top - bottom, fill: '#fff8c5', 'data-no-sales': month.month }));
    }
    const bar = Math.max(2, slot * 0.3);
    chart.append(svg('rect', { x: x + slot * 0.18, y: y(month.contacted), width: bar, height: y(0) - y(month.contacted), fill: '#8fb8ff' }));
    chart.append(svg('rect', { x: x + slot * 0.18 + bar, y: y(month.sold), width: bar, height: y(0) - y(month.sold), fill: '#0a58ca' }));
    if (monthly.length <= 24 || i % Math.ceil(monthly.length / 24) === 0) {
      chart.append(svg('text', { x: x + slot / 2, y: height - bottom + 16, 'text-anchor': 'middle' }, monthLabel(month.month)));
    }
    if (month.target) targetPoints.push(`${x + slot / 2},${y(month.target.sold)}`);
  });
  if (targetPoints.length > 1) {
    chart.append(svg('polyline', { points: targetPoints.join(' '), fill: 'none', stroke: '#a40e26', 'stroke-width': 2, 'stroke-dasharray': '6 4' }));
  } else if (targetPoints.length === 1) {
    const [px, py] = targetPoints[0].split(',');
    chart.append(svg('line', { x1: px - slot / 2, x2: Number(px) + slot / 2, y1: py, y2: py, stroke: '#a40e26', 'stroke-width': 2, 'stroke-dasharray': '6 4' }));
  }
  return chart;
}
