import { existsSync } from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { RunningShop, startShop } from '../support/running-shop';
import { SETTLE_TIMEOUT_MS, ShopApi } from '../support/shop-api';
import { TOPOLOGIES } from '../support/topologies';

// The dashboard as a user sees it, in headless Chromium (Debian's /usr/bin/chromium; this suite fails,
// rather than skips, where it is missing): the topology, an order placed through the form and followed to
// CONFIRMED, its messages in the live list and its trace as a timeline.
const CHROMIUM = '/usr/bin/chromium';
const topologies = TOPOLOGIES.filter((t) => t.name === 'monolith' || t.name === 'all apart');

describe.each(topologies)('the dashboard in Chromium ($name)', (topology) => {
  let browser: Browser;
  let shop: RunningShop;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    shop = await startShop(topology);
  });
  afterAll(async () => {
    // The browser first: its event stream is a request the shop would otherwise end at shutdown.
    await browser?.close();
    await shop?.stop();
  });

  const watchForErrors = (page: Page) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A script or style the Content-Security-Policy blocked is reported here.
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    return errors;
  };

  it('runs its script when opened by address as well as by name (no upgrade to HTTPS)', async () => {
    const port = new URL(shop.urls[0]).port;
    for (const host of ['127.0.0.1', 'localhost']) {
      const page = await browser.newPage();
      const errors = watchForErrors(page);
      await page.goto(`http://${host}:${port}/dashboard`);
      // Rows appear only when the script ran and fetched the topology.
      await page.locator('#topology tr[data-module="orders"]').waitFor();
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('shows the topology, places an order through the form, and shows its status, its events and its trace', async () => {
    const ordersHost = topology.processes.findIndex((modules) => modules.includes('orders'));
    const hosted = topology.processes[ordersHost];
    const page = await browser.newPage();
    const errors = watchForErrors(page);
    await page.goto(`${shop.urls[ordersHost]}/dashboard`);

    for (const module of ['customers', 'orders', 'payments']) {
      const location = hosted.includes(module as never) ? 'local' : 'remote';
      // A remote module shows this process's circuit breaker for it, as /health/dependencies reports it.
      const breaker = location === 'remote' ? '[data-breaker="closed"]' : '';
      await page.locator(`#topology tr[data-module="${module}"][data-location="${location}"][data-healthy="true"]${breaker}`).waitFor();
      if (location === 'remote') expect(await page.locator(`#topology tr[data-module="${module}"]`).textContent()).toMatch(/\d+(\.\d+)? ms; breaker closed/);
    }
    await page.locator('#stream-state[data-state="open"]').waitFor();

    const customer = await new ShopApi(shop.urls, shop.adminHeaders).fundedCustomer(1000);
    await page.fill('#token', shop.adminHeaders.authorization.replace(/^Bearer /, ''));
    await page.click('#token-form button[type="submit"]');
    // With an admin token the dead letters appear: a count for every module, every module reached.
    await page.locator('#dead-letter-totals[data-unavailable=""]').waitFor();
    expect(await page.locator('#dead-letter-totals').textContent()).toMatch(/customers \d+, orders \d+, payments \d+/);
    await page.fill('#customer-id', customer.id);
    await page.fill('#sku', 'teapot');
    await page.fill('#quantity', '3');
    await page.fill('#unit-price', '120');
    await page.click('#place-order');

    await page.locator('#order-status[data-status="CONFIRMED"]').waitFor({ timeout: SETTLE_TIMEOUT_MS });
    const orderId = (await page.locator('#order-id').textContent()) ?? '';
    expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.locator('#order-total').textContent()).toContain('360');

    for (const name of ['orders.OrderPlaced', 'payments.RequestPayment', 'payments.PaymentCaptured', 'orders.OrderConfirmed']) {
      await page.locator(`#events li[data-order-id="${orderId}"][data-name="${name}"]`).first().waitFor();
    }

    // The timeline fills as each process's spans arrive: wait for one from every process the order went through.
    const expectedProcesses = topology.processes.length > 1 ? 2 : 1;
    // A function, not a string: the page's Content-Security-Policy forbids eval.
    await page.waitForFunction(
      (least) => {
        const rows: Array<{ getAttribute(name: string): string | null }> = [...(globalThis as any).document.querySelectorAll('#trace .span-row')];
        return new Set(rows.map((row) => row.getAttribute('data-process'))).size >= least;
      },
      expectedProcesses,
      { timeout: SETTLE_TIMEOUT_MS },
    );
    const spanRows = page.locator('#trace .span-row');
    const rows: Array<{ process: string | null; style: string | null }> = [];
    for (let i = 0; i < (await spanRows.count()); i++) {
      rows.push({ process: await spanRows.nth(i).getAttribute('data-process'), style: await spanRows.nth(i).locator('.span-bar').getAttribute('style') });
    }
    expect(rows.length).toBeGreaterThan(1);
    // Each bar is placed by its start and sized by its duration, as shares of the whole trace.
    expect(rows.every((row) => /left: [\d.]+%; width: [\d.]+%/.test(row.style ?? ''))).toBe(true);
    expect(await page.locator('#trace-legend .legend-item').count()).toBe(new Set(rows.map((row) => row.process)).size);

    expect(errors).toEqual([]);
    await page.close();
  });
});
