// The dashboard's script: plain browser JavaScript modules, no framework and no build step. It polls the
// JSON the server gives (/dashboard/api/topology, /dashboard/api/activity) and draws it; what needs a token
// (traces, dead letters, deposits and orders) it asks for with the token the user gives the tab.
import { loadDeadLetters, setUpReplay } from './dead-letters.js';
import { api, byId, every, processName } from './dom.js';
import { renderCalls, renderEvents, renderFailures, renderModules, renderRoutes } from './panels.js';
import { drawPicture } from './picture.js';
import { followTrace } from './trace.js';
import { setUpWalkthrough } from './walkthrough.js';

const MAX_EVENTS = 200;
/** Messages are asked for from a little before the newest one seen: the processes' clocks may differ a little. */
const CLOCK_SLACK_MS = 5000;

const state = { topology: undefined, backlog: new Map(), events: new Map(), orderId: undefined };

function redrawPicture() {
  if (state.topology) drawPicture(byId('picture'), state.topology, state.backlog);
}

async function loadTopology() {
  try {
    state.topology = (await api('/dashboard/api/topology')).body;
  } catch (error) {
    byId('process').textContent = `The topology is unavailable: ${error.message}`;
    return;
  }
  const here = state.topology.process.modules;
  const all = state.topology.modules.length;
  byId('process').textContent =
    here.length === all
      ? 'This process hosts every module: the whole shop is one process (the monolith).'
      : `This process hosts ${processName(here)}; it reaches the other modules over ${state.topology.process.transport}.`;
  byId('topology-checked').textContent = `Checked at ${new Date(state.topology.checkedAt).toLocaleTimeString()}; refreshed every 3 s.`;
  redrawPicture();
  renderModules(state.topology);
}

async function loadActivity() {
  const newest = Math.max(0, ...[...state.events.values()].map((event) => Date.parse(event.at)));
  const since = newest ? newest - CLOCK_SLACK_MS : 0;
  let activity;
  try {
    activity = (await api(`/dashboard/api/activity?since=${since}`)).body;
  } catch (error) {
    byId('activity-state').textContent = `Unavailable: ${error.message}`;
    return;
  }
  byId('activity-state').textContent =
    `From ${activity.processes.map((process) => process.split('+').join(' + ')).join('; ')}` +
    (activity.silent.length ? `; not answering: ${activity.silent.join(', ')}` : '') +
    `. Refreshed every 2 s.`;
  byId('activity-state').setAttribute('data-silent', activity.silent.join(','));
  for (const event of activity.events) state.events.set(`${event.process} ${event.stage} ${event.messageId} ${event.at}`, event);
  const events = [...state.events.values()].sort((a, b) => b.at.localeCompare(a.at)).slice(0, MAX_EVENTS);
  state.events = new Map(events.map((event) => [`${event.process} ${event.stage} ${event.messageId} ${event.at}`, event]));

  state.backlog = new Map(activity.routes.map((route) => [`${route.source}>${route.destination}`, route.pending]));
  redrawPicture();
  renderRoutes(activity.routes);
  renderCalls(activity.calls);
  renderFailures(events);
  renderEvents(events, state.orderId);
  byId('dead-letter-gauge').textContent = activity.deadLetters.length
    ? `The gauge dead_letters says: ${activity.deadLetters.map(({ module, count }) => `${module} ${count}`).join(', ')}.`
    : '';
}

function showTrace(traceId) {
  byId('trace-id').value = traceId;
  byId('trace-state').textContent = 'Collecting the spans from every process…';
  return followTrace(traceId, () => byId('trace-id').value === traceId).catch((error) => {
    byId('trace-state').textContent = error.message;
  });
}

byId('events').addEventListener('click', (event) => {
  const traceId = event.target.getAttribute && event.target.getAttribute('data-trace-id');
  if (!traceId) return;
  showTrace(traceId);
  byId('trace-section').scrollIntoView({ behavior: 'smooth' });
});

byId('trace-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const traceId = byId('trace-id').value.trim();
  if (traceId) showTrace(traceId);
});

setUpWalkthrough({
  onToken: loadDeadLetters,
  onOrder(orderId, traceId, settled) {
    state.orderId = orderId;
    if (!traceId) {
      byId('trace-state').textContent = 'The answer carried no trace-id header: tracing is not enabled in this process.';
      return;
    }
    byId('trace-id').value = traceId;
    byId('trace-state').textContent = 'Waiting for the order to settle…';
    // Shown once the order settles, unless another order was placed meanwhile.
    settled.then(() => state.orderId === orderId && showTrace(traceId), () => undefined);
  },
});
setUpReplay();

every(3000, loadTopology);
every(2000, loadActivity);
every(5000, loadDeadLetters);
