// The trace of a request as a waterfall: one row per span, nested under its parent, placed on a time axis
// from the first span's start; the colour says which process recorded it, and a span whose parent was
// recorded by another process (the request crossed a process boundary there) is marked.
import { api, byId, el, ms, replaceChildren, sleep } from './dom.js';

const COLOURS = 6;

/** Asks for the trace until it stops growing: each process keeps its spans as they end, the last ones a moment after the order settles. */
export async function followTrace(traceId, stillWanted = () => true) {
  let last = -1;
  let steady = 0;
  for (let attempt = 0; attempt < 30 && steady < 3 && stillWanted(); attempt++) {
    const { body } = await api(`/dashboard/api/traces/${encodeURIComponent(traceId)}`);
    renderTrace(body.spans);
    steady = body.spans.length > 0 && body.spans.length === last ? steady + 1 : 0;
    last = body.spans.length;
    await sleep(1000);
  }
}

export function renderTrace(spans) {
  const trace = byId('trace');
  const legend = byId('trace-legend');
  if (!spans.length) {
    replaceChildren(legend, []);
    return replaceChildren(trace, [el('p', { className: 'note', text: 'No span of this trace has been collected yet.' })]);
  }
  const start = Math.min(...spans.map((span) => span.startEpochMs));
  const total = Math.max(Math.max(...spans.map((span) => span.startEpochMs + span.durationMs)) - start, 1);
  const processes = [...new Set(spans.map((span) => span.process))];
  const spansById = new Map(spans.map((span) => [span.spanId, span]));
  const crossedFrom = (span) => {
    const parent = span.parentSpanId && spansById.get(span.parentSpanId);
    return parent && parent.process !== span.process ? parent.process : undefined;
  };
  const at = (epochMs) => `${(((epochMs - start) / total) * 100).toFixed(3)}%`;

  replaceChildren(legend, [
    ...processes.map((process, i) =>
      el('span', { className: 'legend-item', 'data-process': process }, [el('span', { className: `swatch p${i % COLOURS}` }), el('span', { text: process.split('+').join(' + ') })]),
    ),
    el('span', { className: 'legend-item' }, [el('span', { className: 'crossing-mark', text: '⇄' }), el('span', { text: 'began in another process than its parent: a process boundary crossed' })]),
  ]);
  const rows = orderSpans(spans).map(({ span, depth }) => {
    const from = crossedFrom(span);
    const bar = el('div', { className: `span-bar p${processes.indexOf(span.process) % COLOURS}${span.status === 'error' ? ' error' : ''}` });
    bar.style.left = at(span.startEpochMs);
    bar.style.width = `${Math.max((span.durationMs / total) * 100, 0.2).toFixed(3)}%`;
    const label = el('div', { className: 'span-label' }, [
      from ? el('span', { className: 'crossing-mark', title: `its parent ran in ${from}`, text: '⇄ ' }) : null,
      el('span', { text: span.name }),
      el('span', { className: 'process', text: span.process.split('+').join(' + ') }),
    ]);
    label.style.paddingLeft = `${depth * 14}px`;
    const details = [
      `${span.name} (${span.kind}, ${span.process}) ${ms(span.durationMs)}, at +${ms(span.startEpochMs - start)}${span.status === 'error' ? ', error' : ''}`,
      from ? `its parent ran in ${from}: this span crossed a process boundary` : '',
      ...Object.entries(span.attributes).map(([key, value]) => `${key} = ${value}`),
    ].filter(Boolean);
    return el('div', { className: `span-row${from ? ' crossed' : ''}`, 'data-process': span.process, 'data-span-id': span.spanId, 'data-status': span.status, 'data-crossed': Boolean(from), title: details.join('\n') }, [
      label,
      el('div', { className: 'span-track' }, [bar]),
    ]);
  });
  replaceChildren(trace, [axis(total), ...rows]);
  byId('trace-state').textContent = `${spans.length} spans from ${processes.length} process${processes.length > 1 ? 'es' : ''}, ${ms(total)}.`;
}

/** Ticks at round numbers of milliseconds (1, 2 or 5 times a power of ten), about six of them. */
function axis(total) {
  const rough = total / 6;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough);
  const ticks = [];
  for (let t = 0; t <= total + 1e-9; t += step) {
    const tick = el('span', { className: 'tick', text: ms(t) });
    tick.style.left = `${((t / total) * 100).toFixed(3)}%`;
    ticks.push(tick);
  }
  return el('div', { className: 'span-row axis' }, [el('div', { className: 'span-label note', text: 'time from the first span' }), el('div', { className: 'span-track' }, ticks)]);
}

/** Parents before their children, siblings by start. */
function orderSpans(spans) {
  const nodes = new Map(spans.map((span) => [span.spanId, { span, children: [] }]));
  const roots = [];
  for (const node of nodes.values()) {
    const parent = node.span.parentSpanId && nodes.get(node.span.parentSpanId);
    (parent ? parent.children : roots).push(node);
  }
  const rows = [];
  const walk = (list, depth) => {
    for (const node of list.sort((a, b) => a.span.startEpochMs - b.span.startEpochMs)) {
      rows.push({ span: node.span, depth });
      walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  return rows;
}
