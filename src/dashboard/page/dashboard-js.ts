/**
 * The dashboard's script, plain browser JavaScript. Kept as a string (written without backticks or `${`) so that
 * `tsc` ships it in dist/ with no asset step.
 */
export const DASHBOARD_JS = String.raw`// The dashboard's script: plain browser JavaScript, no build step. Text from the server is always set with
// textContent, never as HTML.
(function () {
  'use strict';

  var TOKEN_KEY = 'shop-dashboard-token';
  var MAX_EVENTS = 200;
  var byId = function (id) { return document.getElementById(id); };
  var currentOrderId = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'className') node.className = attrs[key];
      else if (attrs[key] !== undefined && attrs[key] !== null) node.setAttribute(key, String(attrs[key]));
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

  function authHeaders() {
    var headers = { accept: 'application/json' };
    if (token()) headers.authorization = 'Bearer ' + token();
    return headers;
  }

  function problemText(status, body) {
    if (body && typeof body === 'object') return status + ' ' + (body.code || body.title || '') + (body.detail ? ': ' + body.detail : '');
    return status + ' ' + String(body || '');
  }

  function readJson(response) {
    return response.text().then(function (text) {
      var body = text;
      try { body = text ? JSON.parse(text) : undefined; } catch (e) { /* not JSON: keep the text */ }
      return { status: response.status, ok: response.ok, headers: response.headers, body: body };
    });
  }

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  // ---- topology ----------------------------------------------------------------------------------------

  function renderTopology(view) {
    var local = view.process.modules;
    byId('process').textContent = 'This process hosts ' + (local.length ? local.join(', ') : 'no module') +
      (local.length < view.modules.length ? '; it reaches the others over ' + view.process.transport + '.' : ': it is the whole shop (monolith).');
    var body = byId('topology').tBodies[0];
    body.textContent = '';
    view.modules.forEach(function (m) {
      body.appendChild(el('tr', { 'data-module': m.name, 'data-location': m.location, 'data-healthy': String(m.healthy), 'data-breaker': m.breaker || '' }, [
        el('td', {}, [el('strong', { text: m.name })]),
        el('td', {}, [el('span', { className: 'badge ' + m.location, text: m.location === 'local' ? 'local (this process)' : 'remote' })]),
        el('td', { text: m.via }),
        el('td', { title: m.detail || '' }, [el('span', { className: 'badge ' + (m.healthy ? 'ok' : 'bad'), text: m.healthy ? 'healthy' : 'down' }),
          m.detail ? el('div', { className: 'note', text: m.detail }) : null]),
        el('td', { className: 'note', text: (m.checkMs === null ? '—' : m.checkMs + ' ms') + (m.breaker ? '; breaker ' + m.breaker : '') }),
        el('td', { title: m.methods.join(', ') }, [el('code', { text: m.port })]),
        el('td', { className: 'note', text: m.consumes.join(', ') || '—' }),
      ]));
    });
    byId('topology-checked').textContent = 'Checked at ' + new Date(view.checkedAt).toLocaleTimeString() + '; refreshed every 5 s.';
  }

  function loadTopology() {
    fetch('/dashboard/api/topology', { headers: { accept: 'application/json' } })
      .then(readJson)
      .then(function (result) {
        if (!result.ok) throw new Error(problemText(result.status, result.body));
        renderTopology(result.body);
      })
      .catch(function (error) { byId('topology-checked').textContent = 'The topology is unavailable: ' + error.message; });
  }

  // ---- live events ---------------------------------------------------------------------------------------

  function describeAmounts(amounts) {
    return Object.keys(amounts).map(function (key) { return key + ' ' + amounts[key]; }).join(', ');
  }

  function addEvent(event) {
    var list = byId('events');
    var ids = Object.keys(event.ids).map(function (key) { return key + ' ' + event.ids[key]; }).join(', ');
    var item = el('li', {
      'data-stage': event.stage, 'data-name': event.name, 'data-message-id': event.messageId, 'data-order-id': event.orderId,
      className: event.orderId && event.orderId === currentOrderId ? 'mine' : '',
    }, [
      el('span', { className: 'note', text: new Date(event.at).toLocaleTimeString() + '.' + String(new Date(event.at).getMilliseconds()).padStart(3, '0') + ' ' }),
      el('span', { className: 'badge stage', text: event.stage }),
      el('span', { className: 'name', text: event.name + ' v' + event.version }),
      el('span', { text: ' ' + event.source + ' → ' + event.destination }),
      el('div', { className: 'note', text: 'message ' + event.messageId + (event.orderId ? ' · order ' + event.orderId : '') +
        (ids ? ' · ' + ids : '') + (Object.keys(event.amounts).length ? ' · ' + describeAmounts(event.amounts) : '') }),
      event.traceId ? el('button', { type: 'button', className: 'link', 'data-trace-id': event.traceId, text: 'show its trace' }) : null,
    ]);
    list.insertBefore(item, list.firstChild);
    while (list.children.length > MAX_EVENTS) list.removeChild(list.lastChild);
  }

  byId('events').addEventListener('click', function (e) {
    var traceId = e.target && e.target.getAttribute && e.target.getAttribute('data-trace-id');
    if (!traceId) return;
    byId('trace-id').value = traceId;
    followTrace(traceId);
    byId('trace-section').scrollIntoView({ behavior: 'smooth' });
  });

  function connectEvents() {
    var source = new EventSource('/dashboard/events');
    source.onopen = function () { byId('stream-state').textContent = 'connected'; byId('stream-state').setAttribute('data-state', 'open'); };
    source.onerror = function () { byId('stream-state').textContent = 'reconnecting…'; byId('stream-state').setAttribute('data-state', 'error'); };
    source.onmessage = function (message) {
      try { addEvent(JSON.parse(message.data)); } catch (e) { /* a malformed event is skipped */ }
    };
  }

  // ---- token ---------------------------------------------------------------------------------------------

  function showTokenState() {
    byId('token-state').textContent = token() ? 'A token is set for this tab.' : 'No token yet: the API will answer 401.';
  }

  byId('token').value = token();
  byId('token-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var value = byId('token').value.trim();
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
    showTokenState();
    loadDeadLetters();
  });

  // ---- order ---------------------------------------------------------------------------------------------

  function showStatus(order) {
    var status = byId('order-status');
    if (status.getAttribute('data-status') === order.status) return;
    status.textContent = order.status + (order.cancellationReason ? ' (' + order.cancellationReason + ')' : '');
    status.setAttribute('data-status', order.status);
    byId('order-total').textContent = 'total ' + order.totalCents + ' cents';
    byId('order-history').appendChild(el('li', { text: new Date().toLocaleTimeString() + ' ' + order.status }));
  }

  function followOrder(orderId) {
    var attempts = 0;
    function poll() {
      if (currentOrderId !== orderId) return Promise.resolve();
      return fetch('/api/v1/orders/' + encodeURIComponent(orderId), { headers: authHeaders() })
        .then(readJson)
        .then(function (result) {
          if (!result.ok) throw new Error(problemText(result.status, result.body));
          showStatus(result.body);
          if (result.body.status !== 'PENDING' || ++attempts > 120) return undefined;
          return sleep(500).then(poll);
        });
    }
    return poll();
  }

  byId('order-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var traceId = null;
    byId('order-error').textContent = '';
    byId('order-history').textContent = '';
    byId('order-status').setAttribute('data-status', '');
    var body = {
      customerId: byId('customer-id').value.trim(),
      items: [{ sku: byId('sku').value.trim(), quantity: Number(byId('quantity').value), unitPriceCents: Number(byId('unit-price').value) }],
    };
    fetch('/api/v1/orders', { method: 'POST', headers: Object.assign({ 'content-type': 'application/json' }, authHeaders()), body: JSON.stringify(body) })
      .then(readJson)
      .then(function (result) {
        if (!result.ok) throw new Error(problemText(result.status, result.body));
        currentOrderId = result.body.id;
        traceId = result.headers.get('trace-id');
        byId('order').hidden = false;
        byId('order-id').textContent = currentOrderId;
        showStatus(result.body);
        Array.prototype.forEach.call(byId('events').children, function (item) {
          item.className = item.getAttribute('data-order-id') === currentOrderId ? 'mine' : '';
        });
        if (traceId) {
          byId('trace-id').value = traceId;
          byId('trace-state').textContent = 'Waiting for the order to settle…';
        } else {
          byId('trace-state').textContent = 'The answer carried no trace-id header: tracing is not enabled in this process.';
        }
        return followOrder(currentOrderId);
      })
      .then(function () { if (traceId) return followTrace(traceId); return undefined; })
      .catch(function (error) { byId('order-error').textContent = error.message; });
  });

  // ---- dead letters --------------------------------------------------------------------------------------

  function renderDeadLetters(page) {
    var totals = Object.keys(page.totals).map(function (module) { return module + ' ' + page.totals[module]; }).join(', ');
    byId('dead-letter-totals').textContent = 'Per module: ' + (totals || 'none answered') +
      (page.unavailable.length ? '; not reachable now: ' + page.unavailable.join(', ') : '') + '.';
    byId('dead-letter-totals').setAttribute('data-unavailable', page.unavailable.join(','));
    var body = byId('dead-letters').tBodies[0];
    body.textContent = '';
    page.items.forEach(function (d) {
      body.appendChild(el('tr', { 'data-dead-letter-id': d.id, 'data-module': d.module }, [
        el('td', { className: 'note', text: new Date(d.deadLetteredAt).toLocaleString() }),
        el('td', { title: 'message ' + d.messageId + '\n' + JSON.stringify(d.payload) }, [el('strong', { text: d.name + ' v' + d.version })]),
        el('td', { text: d.module + ' → ' + d.destination }),
        el('td', {}, [el('code', { text: d.orderingKey })]),
        el('td', { text: String(d.attempts) }),
        el('td', { className: 'last-error', text: d.lastError }),
        el('td', {}, [el('button', { type: 'button', 'data-replay': d.id, text: 'Replay' })]),
      ]));
    });
    if (!page.items.length) body.appendChild(el('tr', {}, [el('td', { colspan: 7, className: 'note', text: 'No dead letters.' })]));
    byId('dead-letter-state').textContent = (page.nextCursor ? 'The 50 newest are shown. ' : '') + 'Refreshed every 5 s.';
  }

  function loadDeadLetters() {
    if (!token()) {
      byId('dead-letter-state').textContent = 'Set an admin token above to see them.';
      return Promise.resolve();
    }
    return fetch('/api/v1/admin/dead-letters?limit=50', { headers: authHeaders() })
      .then(readJson)
      .then(function (result) {
        if (!result.ok) throw new Error(problemText(result.status, result.body));
        renderDeadLetters(result.body);
      })
      .catch(function (error) { byId('dead-letter-state').textContent = 'The dead letters are unavailable: ' + error.message; });
  }

  byId('dead-letters').addEventListener('click', function (e) {
    var id = e.target && e.target.getAttribute && e.target.getAttribute('data-replay');
    if (!id) return;
    e.target.disabled = true;
    fetch('/api/v1/admin/dead-letters/' + encodeURIComponent(id) + '/replay', { method: 'POST', headers: authHeaders() })
      .then(readJson)
      .then(function (result) {
        if (!result.ok) throw new Error(problemText(result.status, result.body));
        byId('dead-letter-state').textContent = 'Replayed ' + result.body.name + ' ' + result.body.messageId + ': it is back in the outbox of ' + result.body.module + '.';
        return loadDeadLetters();
      })
      .catch(function (error) { e.target.disabled = false; byId('dead-letter-state').textContent = 'Replay failed: ' + error.message; });
  });

  // ---- trace timeline ------------------------------------------------------------------------------------

  function orderSpans(spans) {
    var byIdMap = {};
    spans.forEach(function (s) { byIdMap[s.spanId] = { span: s, children: [] }; });
    var roots = [];
    spans.forEach(function (s) {
      var parent = s.parentSpanId && byIdMap[s.parentSpanId];
      if (parent) parent.children.push(byIdMap[s.spanId]);
      else roots.push(byIdMap[s.spanId]);
    });
    var byStart = function (a, b) { return a.span.startEpochMs - b.span.startEpochMs; };
    var rows = [];
    (function walk(nodes, depth) {
      nodes.sort(byStart).forEach(function (node) {
        rows.push({ span: node.span, depth: depth });
        walk(node.children, depth + 1);
      });
    })(roots, 0);
    return rows;
  }

  function renderTrace(spans) {
    var trace = byId('trace');
    var legend = byId('trace-legend');
    trace.textContent = '';
    legend.textContent = '';
    if (!spans.length) {
      trace.appendChild(el('p', { className: 'note', text: 'No span of this trace has been collected yet.' }));
      return;
    }
    var start = Math.min.apply(null, spans.map(function (s) { return s.startEpochMs; }));
    var end = Math.max.apply(null, spans.map(function (s) { return s.startEpochMs + s.durationMs; }));
    var total = Math.max(end - start, 1);
    var processes = [];
    spans.forEach(function (s) { if (processes.indexOf(s.process) < 0) processes.push(s.process); });
    processes.forEach(function (p, i) {
      legend.appendChild(el('span', { className: 'legend-item', 'data-process': p }, [el('span', { className: 'swatch p' + (i % 6) }), el('span', { text: p })]));
    });
    orderSpans(spans).forEach(function (row) {
      var s = row.span;
      var bar = el('div', { className: 'span-bar p' + (processes.indexOf(s.process) % 6) + (s.status === 'error' ? ' error' : '') });
      bar.style.left = ((s.startEpochMs - start) / total * 100).toFixed(3) + '%';
      bar.style.width = Math.max(s.durationMs / total * 100, 0.2).toFixed(3) + '%';
      var label = el('div', { className: 'span-label' }, [el('span', { text: s.name }), el('span', { className: 'process', text: s.process })]);
      label.style.paddingLeft = (row.depth * 14) + 'px';
      var details = s.name + ' (' + s.kind + ', ' + s.process + ') ' + s.durationMs.toFixed(1) + ' ms, +' + (s.startEpochMs - start).toFixed(1) + ' ms' +
        (s.status === 'error' ? ', error' : '') + '\n' + Object.keys(s.attributes).map(function (k) { return k + ' = ' + s.attributes[k]; }).join('\n');
      trace.appendChild(el('div', { className: 'span-row', 'data-process': s.process, 'data-span-id': s.spanId, 'data-status': s.status, title: details }, [
        label, el('div', { className: 'span-track' }, [bar]),
      ]));
    });
    byId('trace-state').textContent = spans.length + ' spans from ' + processes.length + ' process' + (processes.length > 1 ? 'es' : '') + ', ' + total.toFixed(1) + ' ms.';
  }

  function loadTrace(traceId) {
    return fetch('/dashboard/api/traces/' + encodeURIComponent(traceId), { headers: authHeaders() })
      .then(readJson)
      .then(function (result) {
        if (!result.ok) throw new Error(problemText(result.status, result.body));
        renderTrace(result.body.spans || []);
        return (result.body.spans || []).length;
      });
  }

  // Spans arrive in batches, from every process: keep asking until the count stops growing.
  function followTrace(traceId) {
    var last = -1;
    var steady = 0;
    var attempts = 0;
    function poll() {
      if (byId('trace-id').value !== traceId) return Promise.resolve();
      return loadTrace(traceId).then(function (count) {
        steady = count > 0 && count === last ? steady + 1 : 0;
        last = count;
        if (steady >= 3 || ++attempts > 30) return undefined;
        return sleep(1000).then(poll);
      });
    }
    return poll().catch(function (error) { byId('trace-state').textContent = error.message; });
  }

  byId('trace-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var traceId = byId('trace-id').value.trim();
    if (traceId) followTrace(traceId);
  });

  showTokenState();
  loadTopology();
  setInterval(loadTopology, 5000);
  loadDeadLetters();
  setInterval(loadDeadLetters, 5000);
  connectEvents();
})();
`;
