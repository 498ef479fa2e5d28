// The shop's main flow from the page, with the real API: sign a customer up (public), put money in their
// account and place an order (with the token the user gave this tab), then follow the order to CONFIRMED or
// CANCELLED and show its trace.
import { api, byId, el, randomKey, setToken, sleep, token } from './dom.js';

/** `onOrder(orderId, traceId, settled)` is told of each order placed (`settled` resolves once it is); `onToken()` of each token set. */
export function setUpWalkthrough({ onOrder, onToken }) {
  byId('token').value = token();
  showTokenState();
  byId('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setToken(byId('token').value.trim());
    showTokenState();
    onToken();
  });

  byId('email').value = `ada-${randomKey().slice(0, 8)}@example.com`;
  byId('signup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    step('signup', async () => {
      const { body } = await api('/api/v1/customers', { method: 'POST', body: { name: byId('name').value.trim(), email: byId('email').value.trim() } });
      byId('customer-id').value = body.id;
      // The next sign-up needs another address: an email is taken once.
      byId('email').value = `ada-${randomKey().slice(0, 8)}@example.com`;
      return `Signed up: customer ${body.id}. Customers wrote CustomerRegistered to its outbox; payments opens the account when it hears it.`;
    });
  });

  byId('deposit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    step('deposit', async () => {
      const customerId = byId('customer-id').value.trim();
      const headers = { 'idempotency-key': randomKey() };
      const { body } = await api(`/api/v1/accounts/${encodeURIComponent(customerId)}/deposits`, { method: 'POST', body: { amountCents: Number(byId('amount').value) }, headers });
      return `Deposited: the balance is ${body.balanceCents} cents.`;
    });
  });

  byId('order-form').addEventListener('submit', (event) => {
    event.preventDefault();
    step('order', async () => {
      const body = {
        customerId: byId('customer-id').value.trim(),
        items: [{ sku: byId('sku').value.trim(), quantity: Number(byId('quantity').value), unitPriceCents: Number(byId('unit-price').value) }],
      };
      const placed = await api('/api/v1/orders', { method: 'POST', body });
      const order = placed.body;
      byId('order').hidden = false;
      byId('order-id').textContent = order.id;
      byId('order-history').textContent = '';
      byId('order-status').setAttribute('data-status', '');
      showStatus(order);
      const settled = followOrder(order.id);
      settled.catch((error) => showError('order', error));
      onOrder(order.id, placed.headers.get('trace-id'), settled);
      return 'Placed (202 Accepted): PENDING until payments, told through the orders outbox, captures the total.';
    });
  });
}

function showTokenState() {
  byId('token-state').textContent = token() ? 'A token is set for this tab.' : 'No token yet: deposits, orders, traces and dead letters need one.';
}

/** Runs one step of the walkthrough, its outcome (or its error) shown under its form. */
async function step(name, work) {
  const state = byId(`${name}-state`);
  state.className = 'note';
  state.textContent = 'Sending…';
  try {
    state.textContent = await work();
  } catch (error) {
    showError(name, error);
  }
}

function showError(name, error) {
  const state = byId(`${name}-state`);
  state.className = 'error';
  state.textContent = error.message;
}

function showStatus(order) {
  const status = byId('order-status');
  if (status.getAttribute('data-status') === order.status) return;
  status.textContent = order.status + (order.cancellationReason ? ` (${order.cancellationReason})` : '');
  status.setAttribute('data-status', order.status);
  byId('order-total').textContent = `total ${order.totalCents} cents`;
  byId('order-history').appendChild(el('li', { text: `${new Date().toLocaleTimeString()} ${order.status}` }));
}

/** Asks for the order until it is no longer PENDING (for a minute at most: it may wait for a module that is down). */
async function followOrder(orderId) {
  for (let attempt = 0; attempt < 120 && byId('order-id').textContent === orderId; attempt++) {
    const { body } = await api(`/api/v1/orders/${encodeURIComponent(orderId)}`);
    showStatus(body);
    if (body.status !== 'PENDING') return;
    await sleep(500);
  }
}
