// Small helpers shared by the dashboard's scripts: building elements, calling the API, keeping the token.
// Text from the server is always set as text (textContent, attributes), never as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';
const TOKEN_KEY = 'shop-dashboard-token';

export const byId = (id) => document.getElementById(id);

/** An HTML element: `text` sets its text, `className` its class, any other key an attribute. */
export function el(tag, attrs = {}, children = []) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, the same way. */
export function svg(tag, attrs = {}, children = []) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.setAttribute('class', value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

/** Replaces a container's children. */
export function replaceChildren(node, children) {
  node.textContent = '';
  for (const child of children) if (child) node.appendChild(child);
}

// ---- the token ----------------------------------------------------------------------------------------------

/** The bearer token the user gave this tab: kept in sessionStorage, sent only to this origin's API. */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

// ---- the API ------------------------------------------------------------------------------------------------

/** Calls this origin: JSON in and out, the token when there is one. Rejects with the problem's code and detail. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const sent = { accept: 'application/json', ...headers };
  if (token()) sent.authorization = `Bearer ${token()}`;
  if (body !== undefined) sent['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  if (!response.ok) throw new Error(problemText(response.status, parsed));
  return { body: parsed, headers: response.headers };
}

function problemText(status, body) {
  if (body && typeof body === 'object') return `${status} ${body.code || body.title || ''}${body.detail ? `: ${body.detail}` : ''}`;
  return `${status} ${String(body || '')}`;
}

/** A random key for Idempotency-Key headers (crypto.randomUUID needs HTTPS or localhost; this does not). */
export function randomKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` now and then every `ms`, one run at a time (a slow answer is not overtaken by the next call).
 * `work` shows its own failures where they belong; one it did not expect is logged, and the next run comes.
 */
export function every(ms, work) {
  const run = async () => {
    try {
      await work();
    } catch (error) {
      console.warn(error);
    }
    setTimeout(run, ms);
  };
  run();
}

// ---- formatting ---------------------------------------------------------------------------------------------

/** "orders.OrderPlaced@v1" or "orders.OrderPlaced" → "OrderPlaced". */
export const shortName = (name) => name.replace(/^[^.]+\./, '').replace(/@v\d+$/, '');

export function clockTime(iso) {
  const at = new Date(iso);
  return `${at.toLocaleTimeString()}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

export function ms(value) {
  if (value === null || value === undefined) return '—';
  return value < 1 ? `${(value * 1000).toFixed(0)} µs` : value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

/** The name a process goes by on the page: the modules it hosts. */
export const processName = (modules) => modules.join(' + ');
