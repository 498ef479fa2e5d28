/**
 * The dashboard page. Its script and style are separate files: the Content-Security-Policy runs no inline script.
 */
export const DASHBOARD_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shop dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/dashboard.css">
</head>
<body>
<header>
  <h1>Shop dashboard</h1>
  <p id="process" class="note">Loading the topology…</p>
</header>
<main>
  <section id="topology-section">
    <h2>Topology <small>as this process sees it</small></h2>
    <table id="topology">
      <thead><tr><th>Module</th><th>Runs</th><th>Reached</th><th>Health</th><th>Check <small>(remote: last round trip, circuit breaker)</small></th><th>Port</th><th>Consumes</th></tr></thead>
      <tbody></tbody>
    </table>
    <p id="topology-checked" class="note"></p>
  </section>

  <section id="order-section">
    <h2>Place an order</h2>
    <form id="token-form" autocomplete="off">
      <label>Bearer token <input id="token" name="token" type="password" spellcheck="false" placeholder="paste a JWT"></label>
      <button type="submit">Use this token</button>
      <span id="token-state" class="note"></span>
    </form>
    <p class="note">With no <code>JWT_SECRET</code> configured, the admin token is printed at start-up and kept in
      <code>DATA_DIR/admin.token</code>. The token stays in this tab (sessionStorage) and is sent only to this origin's API.</p>
    <form id="order-form" autocomplete="off">
      <label>Customer id <input id="customer-id" name="customerId" required spellcheck="false" placeholder="uuid"></label>
      <label>SKU <input id="sku" name="sku" required value="sku-1"></label>
      <label>Quantity <input id="quantity" name="quantity" type="number" min="1" max="1000" step="1" required value="1"></label>
      <label>Unit price (cents) <input id="unit-price" name="unitPriceCents" type="number" min="0" step="1" required value="100"></label>
      <button type="submit" id="place-order">Place order</button>
    </form>
    <div id="order" hidden>
      <p>Order <code id="order-id"></code>: <strong id="order-status" data-status=""></strong> <span id="order-total" class="note"></span></p>
      <ol id="order-history" class="note"></ol>
    </div>
    <p id="order-error" class="error" role="alert"></p>
  </section>

  <section id="events-section">
    <h2>Live events <small id="stream-state">connecting…</small></h2>
    <p class="note">Integration messages delivered by an outbox relay or handled by an inbox in this process, newest first: names, ids and amounts only.</p>
    <ol id="events"></ol>
  </section>

  <section id="dead-letters-section">
    <h2>Dead letters <small>messages a module gave up on after its attempts (admin token)</small></h2>
    <p id="dead-letter-totals" class="note"></p>
    <table id="dead-letters">
      <thead><tr><th>Dead-lettered</th><th>Message</th><th>From → to</th><th>Key</th><th>Attempts</th><th>Last error</th><th></th></tr></thead>
      <tbody></tbody>
    </table>
    <p id="dead-letter-state" class="note" role="status"></p>
  </section>

  <section id="trace-section">
    <h2>Trace</h2>
    <form id="trace-form" autocomplete="off">
      <label>Trace id <input id="trace-id" name="traceId" spellcheck="false" placeholder="32 hex digits, from the trace-id response header"></label>
      <button type="submit">Show</button>
      <span id="trace-state" class="note"></span>
    </form>
    <div id="trace-legend"></div>
    <div id="trace"></div>
  </section>
</main>
<script src="/dashboard/dashboard.js"></script>
</body>
</html>
`;
