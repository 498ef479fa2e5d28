// The picture of the shop: each process a box, its modules boxes inside it, calls through ports as solid
// arrows above the modules and messages (outbox → inbox) as dashed arrows below them, each labelled with how
// it travels: in-process, or the transport. Arrows between modules of one process stay inside its box;
// arrows over the transport leave it. Drawn from /dashboard/api/topology, with the outbox backlog of each
// message arrow from /dashboard/api/activity.
import { ms, processName, replaceChildren, shortName, svg } from './dom.js';

const BOX = { width: 200, height: 66 };
const MODULE_GAP = 110;
const PROCESS_GAP = 140;
const SIDE_PAD = 20;
/** Room at the top of a process box for its name. */
const HEAD = 26;
/** How far the nearest arc rises above (or sinks below) the modules, and the distance between two arcs. */
const FIRST_ARC = 34;
const ARC_STEP = 30;

/**
 * Draws `topology` into the <svg> `target`. `backlog` maps "source>destination" to the messages waiting in
 * the source's outbox for that destination.
 */
export function drawPicture(target, topology, backlog) {
  const shopOrder = topology.modules.map((module) => module.name);
  const modules = new Map(topology.modules.map((module) => [module.name, module]));
  // Processes in the order of their first module: the same picture from whichever process it is looked at.
  const processes = [...topology.processes].sort((a, b) => shopOrder.indexOf(a.modules[0]) - shopOrder.indexOf(b.modules[0]));
  const links = [
    ...topology.calls.map((link) => ({ ...link, kind: 'call', side: 'above' })),
    ...topology.messages.map((link) => ({ ...link, kind: 'message', side: 'below' })),
  ];

  const boxes = placeModules(processes, shopOrder);
  const span = (link) => Math.abs(boxes.get(link.from).x - boxes.get(link.to).x);
  const bands = { above: arcLevels(links, 'above', span), below: arcLevels(links, 'below', span) };
  const moduleTop = 16 + bands.above.outside + bands.above.inside + HEAD;
  const anchors = spreadAnchors(links, boxes, (link) => bands[link.side].levels.get(link));

  const width = Math.max(...[...boxes.values()].map((box) => box.process.x + box.process.width)) + 16;
  const height = moduleTop + BOX.height + bands.below.inside + SIDE_PAD + bands.below.outside + 16;
  target.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // As wide as the section allows, up to a third larger than drawn: the labels stay readable, never huge.
  target.style.maxWidth = `${Math.round(width * 1.35)}px`;

  const processTop = moduleTop - HEAD - bands.above.inside;
  const processHeight = HEAD + bands.above.inside + BOX.height + bands.below.inside + SIDE_PAD;
  replaceChildren(target, [
    markers(),
    ...processes.map((process) => drawProcess(process, boxes.get(process.modules[0]).process, processTop, processHeight)),
    ...[...boxes].map(([name, box]) => drawModule(modules.get(name), box.x, moduleTop, topology.process.transport)),
    ...drawLinks(links, anchors, (link) => bands[link.side].levels.get(link), moduleTop, backlog),
  ]);
}

/**
 * Gives each arc on one side its own level, so that no two labels meet: first the arcs that stay in their
 * process (nearest the modules, inside the process box), then those over the transport (outside it); shorter
 * arcs nearer. Returns the levels and the height of both bands.
 */
function arcLevels(links, side, span) {
  const ofSide = links.filter((link) => link.side === side);
  const inside = ofSide.filter((link) => link.via === 'in-process').sort((a, b) => span(a) - span(b));
  const outside = ofSide.filter((link) => link.via !== 'in-process').sort((a, b) => span(a) - span(b));
  const levels = new Map();
  inside.forEach((link, i) => levels.set(link, FIRST_ARC + ARC_STEP * i));
  const insideHeight = inside.length ? FIRST_ARC + ARC_STEP * (inside.length - 1) + 12 : SIDE_PAD;
  outside.forEach((link, i) => levels.set(link, insideHeight + HEAD + FIRST_ARC + ARC_STEP * i));
  const outsideHeight = outside.length ? FIRST_ARC + ARC_STEP * (outside.length - 1) + 16 : 0;
  return { levels, inside: insideHeight, outside: outsideHeight };
}

/** One row of modules, grouped by process: where each module's box and its process's box begin, and their widths. */
function placeModules(processes, shopOrder) {
  const boxes = new Map();
  let x = 16;
  for (const process of processes) {
    const names = [...process.modules].sort((a, b) => shopOrder.indexOf(a) - shopOrder.indexOf(b));
    const box = { x, width: SIDE_PAD * 2 + names.length * BOX.width + (names.length - 1) * MODULE_GAP };
    names.forEach((name, i) => boxes.set(name, { x: x + SIDE_PAD + i * (BOX.width + MODULE_GAP), process: box }));
    x += box.width + PROCESS_GAP;
  }
  return boxes;
}

/**
 * Where each arc leaves and reaches a module, spread over the box's edge so that arcs nest rather than cross:
 * from left to right, the arcs to modules on the left (the higher, the further right), the module's arc to
 * itself, then the arcs to modules on the right (the higher, the further left).
 */
function spreadAnchors(links, boxes, levelOf) {
  const ends = new Map();
  for (const link of links) {
    for (const end of ['from', 'to']) {
      const here = boxes.get(link[end]).x;
      const there = boxes.get(link[end === 'from' ? 'to' : 'from']).x;
      const block = there < here ? 0 : there === here ? 1 : 2;
      const order = block === 0 ? levelOf(link) : block === 1 ? (end === 'from' ? 0 : 1) : -levelOf(link);
      const key = `${link[end]} ${link.side}`;
      if (!ends.has(key)) ends.set(key, []);
      ends.get(key).push({ link, end, block, order });
    }
  }
  const anchors = new Map();
  for (const [key, list] of ends) {
    const box = boxes.get(key.split(' ')[0]);
    list.sort((a, b) => a.block - b.block || a.order - b.order);
    list.forEach(({ link, end }, i) => anchors.set(`${end} ${link.kind} ${link.from}>${link.to}`, box.x + (BOX.width * (i + 1)) / (list.length + 1)));
  }
  return anchors;
}

function markers() {
  const arrow = (id) =>
    svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, [
      svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', className: id }),
    ]);
  return svg('defs', {}, [arrow('arrow-in-process'), arrow('arrow-transport')]);
}

function drawProcess(process, box, top, height) {
  const state = process.here ? 'this process' : process.answering ? 'process' : 'process, not answering';
  return svg('g', { className: `process${process.here ? ' here' : ''}${process.answering ? '' : ' silent'}`, 'data-modules': process.modules.join(','), 'data-here': process.here, 'data-answering': process.answering }, [
    svg('rect', { x: box.x, y: top, width: box.width, height, rx: 10 }),
    svg('text', { x: box.x + 12, y: top + 18, className: 'process-name', text: `${state}: ${processName(process.modules)}` }),
  ]);
}

function drawModule(module, x, y, transport) {
  const state = module.location === 'local' ? (module.healthy ? 'in this process' : 'database down') : module.healthy ? `${transport} · ${ms(module.checkMs)}` : 'down';
  const breaker = module.breaker ? `breaker ${module.breaker}` : '';
  return svg('g', {
    className: `module ${module.location}${module.healthy ? '' : ' down'}`,
    'data-module': module.name,
    'data-location': module.location,
    'data-healthy': module.healthy,
    'data-breaker': module.breaker || '',
  }, [
    svg('title', { text: `${module.name}: ${module.port} (${module.methods.join(', ')})${module.detail ? `\n${module.detail}` : ''}` }),
    svg('rect', { x, y, width: BOX.width, height: BOX.height, rx: 6 }),
    svg('text', { x: x + 10, y: y + 20, className: 'module-name', text: module.name }),
    svg('text', { x: x + 10, y: y + 37, className: 'module-port', text: module.port }),
    svg('text', { x: x + 10, y: y + 55, className: 'module-state', text: [state, breaker].filter(Boolean).join(' · ') }),
  ]);
}

/** The arcs, then their labels over all of them (each label's white halo hides the lines behind it). */
function drawLinks(links, anchors, levelOf, moduleTop, backlog) {
  const arcs = [];
  const labels = [];
  for (const link of links) {
    const above = link.side === 'above';
    const level = levelOf(link);
    const y = above ? moduleTop : moduleTop + BOX.height;
    const x1 = anchors.get(`from ${link.kind} ${link.from}>${link.to}`);
    const x2 = anchors.get(`to ${link.kind} ${link.from}>${link.to}`);
    // A cubic Bézier whose control points sit 4/3 of the level away: its middle is exactly at the level.
    const control = ((above ? -1 : 1) * level * 4) / 3;
    const transport = link.via === 'in-process' ? 'in-process' : 'transport';
    const pending = link.kind === 'message' ? backlog.get(`${link.from}>${link.to}`) || 0 : undefined;
    const data = { 'data-kind': link.kind, 'data-from': link.from, 'data-to': link.to, 'data-via': link.via, 'data-pending': pending };
    const what = link.kind === 'call' ? link.methods.map((method) => `${method}()`).join(', ') : link.messages.map(shortName).join(', ');
    arcs.push(
      svg('g', { className: `link ${link.kind} ${transport}`, ...data }, [
        svg('path', { d: `M ${x1} ${y} C ${x1} ${y + control} ${x2} ${y + control} ${x2} ${y}`, 'marker-end': `url(#arrow-${transport})` }),
      ]),
    );
    labels.push(
      svg('text', { x: (x1 + x2) / 2, y: above ? y - level - 5 : y + level + 14, className: `link-label ${transport}`, ...data }, [
        svg('tspan', { text: `${what} · ${link.via}` }),
        pending > 0 ? svg('tspan', { className: 'backlog', text: ` · ${pending} waiting` }) : null,
      ]),
    );
  }
  return [...arcs, ...labels];
}
