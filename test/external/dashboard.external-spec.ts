import { existsSync } from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { RunningShop, startShop } from '../support/running-shop';
import { SETTLE_TIMEOUT_MS } from '../support/shop-api';
import { TOPOLOGIES } from '../support/topologies';

// The dashboard as a user sees it, in headless Chromium (Debian's /usr/bin/chromium; this suite fails,
// rather than skips, where it is missing): the picture of processes and modules, the walkthrough (sign up,
// deposit, order) followed to CONFIRMED, the panels of every process's outboxes, calls and messages, the
// trace as a waterfall, and, with payments' process stopped, payments down and the backlog for it growing.
const CHROMIUM = '/usr/bin/chromium';
const topologies = TOPOLOGIES.filter((t) => t.name === 'monolith' || t.name === 'all apart');

describe.each(topologies)('the dashboard in Chromium ($name)', (topology) => {
  let browser: Browser;
  let shop: RunningShop;
  const split = topology.processes.length > 1;
  const ordersHost = topology.processes.findIndex((modules) => modules.includes('orders'));
  const transport = () => shop.envs[ordersHost].TRANSPORT ?? 'tcp';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // Two failed calls in a row open a breaker, so that the split below sees payments' open soon.
    shop = await startShop(topology, { ...process.env, REMOTE_BREAKER_FAILURES: '2' });
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.stop();
  });

  /** Errors the page reports: its own (a script that threw, a CSP refusal) and, unless told otherwise, failed requests. */
  const watchForErrors = (page: Page, { failedRequestsExpected = false } = {}) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A script or style the Content-Security-Policy blocked is reported here.
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (failedRequestsExpected && message.text().startsWith('Failed to load resource')) return;
      errors.push(message.text());
    });
    return errors;
  };

  const openDashboard = async (url: string, options?: { failedRequestsExpected: boolean }) => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchForErrors(page, options);
    await page.goto(`${url}/dashboard`);
    await page.fill('#token', shop.adminHeaders.authorization.replace(/^Bearer /, ''));
    await page.click('#token-form button[type="submit"]');
    return { page, errors };
  };

  /** The attribute `name` of every element matching `selector` (read by a function: the CSP forbids eval). */
  const attributes = (page: Page, selector: string, name: string) =>
    page.$$eval(selector, (nodes, attribute) => nodes.map((node) => node.getAttribute(attribute) ?? ''), name);

  it('runs its scripts when opened by address as well as by name (no upgrade to HTTPS)', async () => {
    const port = new URL(shop.urls[0]).port;
    for (const host of ['127.0.0.1', 'localhost']) {
      const page = await browser.newPage();
      const errors = watchForErrors(page);
      await page.goto(`http://${host}:${port}/dashboard`);
      // Drawn only when the scripts ran and fetched the topology.
      await page.locator('#picture g.module[data-module="orders"]').waitFor();
      await page.locator('#modules tr[data-module="orders"]').waitFor();
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('draws every process with its modules, and the calls and messages between them by how they travel', async () => {
    const { page, errors } = await openDashboard(shop.urls[ordersHost]);
    for (const [index, modules] of topology.processes.entries()) {
      const box = page.locator(`#picture g.process[data-modules="${modules.join(',')}"][data-answering="true"]`);
      await box.waitFor();
      expect(await box.getAttribute('data-here')).toBe(String(index === ordersHost));
      for (const module of modules) {
        const location = index === ordersHost ? 'local' : 'remote';
        await page.locator(`#picture g.module[data-module="${module}"][data-location="${location}"][data-healthy="true"]`).waitFor();
        // A remote module shows this process's circuit breaker for it, as /health/dependencies reports it.
        const breaker = location === 'remote' ? '[data-breaker="closed"]' : '';
        await page.locator(`#modules tr[data-module="${module}"][data-location="${location}"][data-healthy="true"]${breaker}`).waitFor();
        if (location === 'remote') expect(await page.locator(`#modules tr[data-module="${module}"]`).textContent()).toMatch(/closed[\d.]+ (µs|ms)$/);
      }
    }
    const via = split ? transport() : 'in-process';
    await page.locator(`#picture g.link[data-kind="call"][data-from="orders"][data-to="customers"][data-via="${via}"]`).waitFor();
    expect(await page.locator('#picture text.link-label[data-kind="call"][data-from="orders"][data-to="customers"]').textContent()).toBe(`get() · ${via}`);
    await page.locator(`#picture g.link[data-kind="message"][data-from="orders"][data-to="payments"][data-via="${via}"]`).waitFor();
    expect(await page.locator('#picture text.link-label[data-kind="message"][data-from="orders"][data-to="payments"]').textContent()).toBe(`RequestPayment, RequestRefund · ${via}`);
    // Orders hears its own events (its read model) in its own process, whatever the split.
    expect(await page.locator('#picture g.link[data-kind="message"][data-from="orders"][data-to="orders"]').getAttribute('data-via')).toBe('in-process');
    expect(await page.locator('#picture g.link').count()).toBe(6);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('signs a customer up, deposits, places an order and follows it to CONFIRMED, with its messages, routes, calls and trace', async () => {
    const { page, errors } = await openDashboard(shop.urls[ordersHost]);
    // With an admin token the dead letters appear: a count for every module, every module reached.
    await page.locator('#dead-letter-totals[data-unavailable=""]').waitFor();
    expect(await page.locator('#dead-letter-totals').textContent()).toMatch(/customers \d+, orders \d+, payments \d+/);

    await page.click('#sign-up');
    await page.waitForFunction(() => /^[0-9a-f-]{36}$/.test((globalThis as any).document.getElementById('customer-id').value));
    await page.fill('#amount', '5000');
    await page.click('#deposit');
    await page.locator('#deposit-state', { hasText: 'the balance is 5000 cents' }).waitFor({ timeout: SETTLE_TIMEOUT_MS });
    await page.fill('#sku', 'teapot');
    await page.fill('#quantity', '3');
    await page.fill('#unit-price', '120');
    await page.click('#place-order');

    await page.locator('#order-status[data-status="CONFIRMED"]').waitFor({ timeout: SETTLE_TIMEOUT_MS });
    const orderId = (await page.locator('#order-id').textContent()) ?? '';
    expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.locator('#order-total').textContent()).toContain('360');

    for (const name of ['orders.OrderPlaced', 'payments.RequestPayment', 'payments.PaymentCaptured', 'orders.OrderConfirmed']) {
      await page.locator(`#events li[data-order-id="${orderId}"][data-name="${name}"]`).first().waitFor({ timeout: SETTLE_TIMEOUT_MS });
    }
    // The messages of every process: payments' inbox handled the request in payments' process.
    const paymentsProcess = topology.processes.find((modules) => modules.includes('payments'))!.join('+');
    await page.locator(`#events li[data-order-id="${orderId}"][data-name="payments.RequestPayment"][data-stage="handled"][data-process="${paymentsProcess}"]`).waitFor();
    expect(new Set(await attributes(page, '#events li[data-process]', 'data-process')).size).toBe(topology.processes.length);

    await page.locator('#routes tr[data-route="orders>payments"][data-pending="0"]').waitFor();
    expect(Number(await page.locator('#routes tr[data-route="orders>payments"] td:nth-child(4)').textContent())).toBeGreaterThanOrEqual(1);
    // customers.get: a method call in the monolith; apart, also a call over the transport, each with its mean.
    const modes = await attributes(page, '#calls tr[data-method="customers.get"] td[data-mode]', 'data-mode');
    expect(modes).toEqual(split ? ['local', 'remote'] : ['local']);

    // The waterfall fills as each process's spans arrive: wait for one from every process the order went through.
    const expectedProcesses = split ? 2 : 1;
    await page.waitForFunction(
      (least) => new Set([...(globalThis as any).document.querySelectorAll('#trace .span-row[data-process]')].map((row: any) => row.getAttribute('data-process'))).size >= least,
      expectedProcesses,
      { timeout: SETTLE_TIMEOUT_MS },
    );
    const bars = await attributes(page, '#trace .span-row[data-process] .span-bar', 'style');
    expect(bars.length).toBeGreaterThan(1);
    // Each bar is placed by its start and sized by its duration, as shares of the whole trace, on a time axis.
    expect(bars.every((style) => /left: [\d.]+%; width: [\d.]+%/.test(style))).toBe(true);
    expect(await page.locator('#trace .axis .tick').count()).toBeGreaterThan(2);
    const processes = new Set(await attributes(page, '#trace .span-row[data-process]', 'data-process'));
    expect(await page.locator('#trace-legend .legend-item[data-process]').count()).toBe(processes.size);
    // Where the order crossed from one process into another, the span says so; in the monolith nothing crosses.
    const crossed = await page.locator('#trace .span-row[data-crossed="true"]').count();
    if (split) expect(crossed).toBeGreaterThan(0);
    else expect(crossed).toBe(0);

    expect(errors).toEqual([]);
    await page.close();
  });

  if (split) {
    it('shows payments down, its breaker open, and the backlog for it growing while its process is stopped', async () => {
      const paymentsHost = topology.processes.findIndex((modules) => modules.includes('payments'));
      const { page, errors } = await openDashboard(shop.urls[ordersHost], { failedRequestsExpected: true });
      await page.click('#sign-up');
      await page.waitForFunction(() => /^[0-9a-f-]{36}$/.test((globalThis as any).document.getElementById('customer-id').value));
      await page.click('#deposit');
      await page.locator('#deposit-state', { hasText: 'the balance is 5000 cents' }).waitFor({ timeout: SETTLE_TIMEOUT_MS });

      await shop.stopProcess(paymentsHost);
      try {
        await page.locator(`#picture g.process[data-modules="${topology.processes[paymentsHost].join(',')}"][data-answering="false"]`).waitFor({ timeout: SETTLE_TIMEOUT_MS });
        await page.locator('#picture g.module[data-module="payments"][data-healthy="false"]').waitFor();
        await page.locator('#modules tr[data-module="payments"][data-healthy="false"]').waitFor();

        // A deposit now fails at once, with the reason; the orders are accepted and wait.
        await page.click('#deposit');
        await page.locator('#deposit-state.error', { hasText: 'MODULE_UNAVAILABLE' }).waitFor();
        const pending = async () => Number(await page.locator('#routes tr[data-route="orders>payments"]').getAttribute('data-pending'));
        await page.click('#place-order');
        await page.locator('#order-status[data-status="PENDING"]').waitFor();
        await page.locator('#routes tr[data-route="orders>payments"]:not([data-pending="0"])').waitFor({ timeout: SETTLE_TIMEOUT_MS });
        const before = await pending();
        await page.click('#place-order');
        await page.waitForFunction(
          (least) => Number((globalThis as any).document.querySelector('#routes tr[data-route="orders>payments"]').getAttribute('data-pending')) > least,
          before,
          { timeout: SETTLE_TIMEOUT_MS },
        );
        // The picture says it on the arrow too, and the relay's failed tries are listed, none counted as an attempt.
        const label = page.locator('#picture text.link-label[data-kind="message"][data-from="orders"][data-to="payments"]');
        expect(Number(await label.getAttribute('data-pending'))).toBeGreaterThan(0);
        expect(await label.textContent()).toMatch(/\d+ waiting/);
        await page.locator('#failures li[data-stage="failed"][data-failure="unavailable"][data-attempts="0"]').first().waitFor({ timeout: SETTLE_TIMEOUT_MS });
        // The failed deposit and the relay's tries opened this process's breaker for payments.
        await page.locator('#modules tr[data-module="payments"][data-breaker="open"]').waitFor({ timeout: SETTLE_TIMEOUT_MS });
        await page.locator('#picture g.module[data-module="payments"][data-breaker="open"]').waitFor();
      } finally {
        await shop.startProcess(paymentsHost);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
