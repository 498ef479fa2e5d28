// The dashboard's tables and lists: the modules as this process reaches them, the outbox of each route between
// modules, the cost of a call in-process and over the transport, the deliveries that failed, and the messages
// every process saw.
import { byId, clockTime, el, ms, replaceChildren, shortName, svg } from './dom.js';

// ---- modules (c) --------------------------------------------------------------------------------------------

/** Each module as this process reaches it: in-process, or over the transport past a circuit breaker. */
export function renderModules(topology) {
  const processOf = (name) => topology.processes.find((process) => process.modules.includes(name));
  replaceChildren(
    byId('modules').tBodies[0],
    topology.modules.map((module) => {
      const local = module.location === 'local';
      const process = processOf(module.name);
      const where = local ? 'this process' : `${process && process.answering ? 'process' : 'not answering:'} ${process ? process.modules.join(' + ') : module.name}`;
      return el('tr', { 'data-module': module.name, 'data-location': module.location, 'data-healthy': module.healthy, 'data-breaker': module.breaker || '' }, [
        el('td', {}, [el('strong', { text: module.name })]),
        el('td', { text: where }),
        el('td', { text: module.via }),
        el('td', { title: module.detail || '' }, [
          el('span', { className: `badge ${module.healthy ? 'ok' : 'bad'}`, text: module.healthy ? 'answers' : 'down' }),
          module.detail ? el('div', { className: 'note', text: module.detail }) : null,
        ]),
        el('td', {}, [module.breaker ? el('span', { className: `badge breaker-${module.breaker}`, text: module.breaker }) : el('span', { className: 'note', text: 'no breaker: a method call' })]),
        el('td', { className: 'number', text: ms(module.checkMs) }),
      ]);
    }),
  );
}

// ---- outbox routes (b) --------------------------------------------------------------------------------------

const HISTORY = 40;
const history = new Map();

/** Each route between modules: what waits in the source's outbox now (and over the last polls), what went, what failed. */
export function renderRoutes(routes) {
  for (const route of routes) {
    const key = `${route.source}>${route.destination}`;
    const points = history.get(key) || [];
    points.push(route.pending);
    history.set(key, points.slice(-HISTORY));
  }
  const body = byId('routes').tBodies[0];
  if (!routes.length) return replaceChildren(body, [el('tr', {}, [el('td', { colspan: 6, className: 'note', text: 'No message has been written yet.' })])]);
  replaceChildren(
    body,
    routes.map((route) => {
      const points = history.get(`${route.source}>${route.destination}`);
      const growing = points.length > 1 && route.pending > points[points.length - 2];
      return el('tr', { 'data-route': `${route.source}>${route.destination}`, 'data-pending': route.pending, 'data-growing': growing }, [
        el('td', { text: `${route.source} → ${route.destination}` }),
        el('td', { className: `number${route.pending > 0 ? ' warn' : ''}`, text: `${route.pending}${growing ? ' ↑' : ''}` }),
        el('td', {}, [sparkline(points)]),
        el('td', { className: 'number', text: String(route.sent) }),
        el('td', { className: `number${route.failed > 0 ? ' warn' : ''}`, text: String(route.failed) }),
        el('td', { className: `number${route.deadLettered > 0 ? ' bad' : ''}`, text: String(route.deadLettered) }),
      ]);
    }),
  );
}

function sparkline(points) {
  const width = 120;
  const height = 22;
  const top = Math.max(1, ...points);
  const step = width / (HISTORY - 1);
  const offset = (HISTORY - points.length) * step;
  const coordinates = points.map((value, i) => `${(offset + i * step).toFixed(1)},${(height - 2 - (value / top) * (height - 4)).toFixed(1)}`);
  return svg('svg', { className: 'sparkline', width, height, viewBox: `0 0 ${width} ${height}` }, [svg('polyline', { points: coordinates.join(' ') })]);
}

// ---- calls (e) ----------------------------------------------------------------------------------------------

/** Per port method: the same call made in-process and over the transport, side by side. */
export function renderCalls(calls) {
  const byMethod = new Map();
  for (const call of calls) {
    const key = `${call.callee}.${call.method}`;
    byMethod.set(key, { ...byMethod.get(key), [call.mode]: call });
  }
  const slowest = Math.max(0.001, ...calls.map((call) => call.p95Ms));
  const body = byId('calls').tBodies[0];
  if (!byMethod.size) return replaceChildren(body, [el('tr', {}, [el('td', { colspan: 3, className: 'note', text: 'No call through a port yet.' })])]);
  replaceChildren(
    body,
    [...byMethod].map(([method, modes]) =>
      el('tr', { 'data-method': method }, [
        el('td', {}, [el('code', { text: `${method}()` })]),
        latencyCell(modes.local, 'local', slowest),
        latencyCell(modes.remote, 'remote', slowest),
      ]),
    ),
  );
}

function latencyCell(call, mode, slowest) {
  if (!call) return el('td', { className: 'note', text: '—' });
  const bar = el('div', { className: `bar ${mode}` });
  bar.style.width = `${Math.max((call.meanMs / slowest) * 100, 1).toFixed(1)}%`;
  const p95 = el('div', { className: 'bar-p95' });
  p95.style.left = `${Math.min((call.p95Ms / slowest) * 100, 100).toFixed(1)}%`;
  return el('td', { 'data-mode': mode, 'data-mean-ms': call.meanMs, 'data-count': call.count }, [
    el('div', { className: 'bar-track', title: `p50 ${ms(call.p50Ms)}, p95 ${ms(call.p95Ms)}` }, [bar, p95]),
    el('span', { className: 'note', text: `mean ${ms(call.meanMs)} · p95 ${ms(call.p95Ms)} · ${call.count} call${call.count === 1 ? '' : 's'}` }),
  ]);
}

// ---- failed deliveries (d) ----------------------------------------------------------------------------------

const FAILURES = { 'handler-failed': 'its handler failed', unroutable: 'no handler accepts it', unavailable: 'not reached (not counted as an attempt)' };

/** The latest failure of each message whose delivery failed, newest first: how many attempts, and why. */
export function renderFailures(events) {
  const latest = new Map();
  for (const event of events) {
    if (event.stage !== 'failed' && event.stage !== 'dead-lettered') continue;
    const key = `${event.messageId}>${event.destination}`;
    if (!latest.has(key)) latest.set(key, event);
  }
  const list = byId('failures');
  if (!latest.size) return replaceChildren(list, [el('li', { className: 'note', text: 'No failed delivery seen.' })]);
  replaceChildren(
    list,
    [...latest.values()].slice(0, 30).map((event) =>
      el('li', { 'data-message-id': event.messageId, 'data-stage': event.stage, 'data-attempts': event.attempts, 'data-failure': event.failure }, [
        el('span', { className: `badge ${event.stage === 'dead-lettered' ? 'bad' : 'warn'}`, text: failureBadge(event) }),
        el('span', { className: 'name', text: ` ${shortName(event.name)} ` }),
        el('span', { text: `${event.source} → ${event.destination}: ${FAILURES[event.failure] || event.failure}` }),
        el('div', { className: 'note', text: `${clockTime(event.at)} · attempts so far ${event.attempts} · message ${event.messageId}${event.orderId ? ` · order ${event.orderId}` : ''}` }),
      ]),
    ),
  );
}

function failureBadge(event) {
  if (event.stage === 'dead-lettered') return `dead-lettered after ${event.attempts}`;
  return event.failure === 'unavailable' ? 'waiting' : `attempt ${event.attempts} failed`;
}

// ---- messages (g) -------------------------------------------------------------------------------------------

/** The messages every process saw, newest first; those of `orderId` marked. Each names the trace it travels in. */
export function renderEvents(events, orderId) {
  const list = byId('events');
  if (!events.length) return replaceChildren(list, [el('li', { className: 'note', text: 'No message yet: place an order.' })]);
  replaceChildren(
    list,
    events.map((event) => {
      const ids = Object.entries(event.ids).map(([key, value]) => `${key} ${value}`);
      const amounts = Object.entries(event.amounts).map(([key, value]) => `${key} ${value}`);
      return el('li', {
        'data-stage': event.stage, 'data-name': event.name, 'data-message-id': event.messageId, 'data-order-id': event.orderId, 'data-process': event.process,
        className: event.orderId && event.orderId === orderId ? 'mine' : '',
      }, [
        el('span', { className: 'note', text: `${clockTime(event.at)} ` }),
        el('span', { className: 'badge process', text: event.process.split('+').join(' + ') }),
        el('span', { className: `badge stage ${event.stage}`, text: event.stage }),
        el('span', { className: 'name', text: ` ${shortName(event.name)} ` }),
        el('span', { text: `${event.source} → ${event.destination}` }),
        el('div', { className: 'note', text: [event.orderId ? `order ${event.orderId}` : '', ...ids, ...amounts].filter(Boolean).join(' · ') }),
        event.traceId ? el('button', { type: 'button', className: 'link', 'data-trace-id': event.traceId, text: 'show its trace' }) : null,
      ]);
    }),
  );
}
