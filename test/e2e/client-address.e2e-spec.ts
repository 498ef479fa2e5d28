import { eventually, HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

const LIMIT = 3;
const CLIENT_A = '203.0.113.10';
const CLIENT_B = '203.0.113.20';

interface LogLine {
  level: number;
  msg?: string;
  context?: string;
  req?: { url?: string; remoteAddress?: string };
}

/**
 * The request log carries no headers (they hold tokens): each claimed client reads its own page size, so that
 * its requests can be told apart in the log by their URL.
 */
const PAGE_SIZE_OF: Record<string, number> = { [CLIENT_A]: 11, [CLIENT_B]: 12 };
const customersAs = (forwardedFor: string) => `/api/v1/customers?limit=${PAGE_SIZE_OF[forwardedFor] ?? 13}`;

/**
 * The log lines of the shop under test. One array and one callback for the whole file: nestjs-pino keeps one
 * logger per Node.js process, so the apps started in process after the first one write to the first one's
 * destination. The shops here run one after the other; each start empties the array.
 */
const logs: LogLine[] = [];
const keepLine = (line: string) => logs.push(JSON.parse(line) as LogLine);

/** A shop limited to LIMIT requests a minute per client, whose log lines are kept. */
async function shopWith(trustProxy: string | undefined): Promise<{ shop: RunningShop; api: HttpClient; logs: LogLine[] }> {
  logs.length = 0;
  const shop = await startShop(
    TOPOLOGIES[0],
    { ...process.env, RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: trustProxy, LOG_LEVEL: 'info' },
    { onLogLine: keepLine },
  );
  return { shop, api: new HttpClient(shop.urls[0], shop.adminHeaders), logs };
}

/** Spends a client's whole minute, as seen through X-Forwarded-For. */
async function useUpLimit(api: HttpClient, forwardedFor: string): Promise<void> {
  for (let request = 0; request < LIMIT; request++) {
    expect((await api.get(customersAs(forwardedFor), { 'x-forwarded-for': forwardedFor })).status).toBe(200);
  }
}

/** The addresses the request log gave to the requests that carried this X-Forwarded-For. */
function loggedAddresses(logs: LogLine[], forwardedFor: string): string[] {
  return logs.filter((line) => line.req?.url === customersAs(forwardedFor)).map((line) => line.req!.remoteAddress!);
}

// Behind a proxy (the Ingress) every request comes from the proxy's address: without TRUST_PROXY that is one
// client to the rate limit, which is also what keeps a client from choosing its own address. With the proxy
// trusted, the client is the address the proxy saw, for the rate limit and in the request log alike.
describe('the client address behind a proxy', () => {
  describe('with TRUST_PROXY unset (the default)', () => {
    let shop: RunningShop;
    let api: HttpClient;
    let logs: LogLine[];

    beforeAll(async () => ({ shop, api, logs } = await shopWith(undefined)));
    afterAll(() => shop?.stop());

    it('believes no X-Forwarded-For: two claimed clients from one address share one limit', async () => {
      await useUpLimit(api, CLIENT_A);
      expect((await api.get(customersAs(CLIENT_B), { 'x-forwarded-for': CLIENT_B })).status).toBe(429);
      expect((await api.get('/api/v1/customers')).status).toBe(429);
    });

    it('logs the address the request came from, not the one it claims', async () => {
      // A spawned process's lines come through a pipe: they may trail its answers.
      const addresses = await eventually(async () => loggedAddresses(logs, CLIENT_A), (found) => found.length === LIMIT);
      // A process listening on every interface (E2E_PROCESSES=spawn) sees IPv4 peers as IPv4-mapped IPv6.
      expect(new Set(addresses.map((address) => address.replace(/^::ffff:/, '')))).toEqual(new Set(['127.0.0.1']));
    });

    it('starts in development with a JWT secret shipped in the repository, and warns about it', () => {
      // The e2e shops run with test/support/tokens.ts's secret, which is on the shipped list (unless CI sets JWT_SECRET).
      if (process.env.JWT_SECRET) return;
      const warning = logs.find((line) => line.context === 'Security' && /example shipped in this repository/.test(line.msg ?? ''));
      expect(warning?.level).toBe(40);
    });
  });

  describe.each(['1', '127.0.0.1'])('with TRUST_PROXY=%s (the test is the proxy)', (trustProxy) => {
    let shop: RunningShop;
    let api: HttpClient;
    let logs: LogLine[];

    beforeAll(async () => ({ shop, api, logs } = await shopWith(trustProxy)));
    afterAll(() => shop?.stop());

    it('gives each client behind the proxy its own limit', async () => {
      await useUpLimit(api, CLIENT_A);
      expect((await api.get(customersAs(CLIENT_A), { 'x-forwarded-for': CLIENT_A })).status).toBe(429);
      expect((await api.get(customersAs(CLIENT_B), { 'x-forwarded-for': CLIENT_B })).status).toBe(200);
    });

    it('keys on the address the trusted proxy saw, not on what the client wrote before it', async () => {
      // A client that sends its own X-Forwarded-For gets the proxy's entry appended: the last one counts.
      expect((await api.get('/api/v1/customers', { 'x-forwarded-for': `198.51.100.99, ${CLIENT_A}` })).status).toBe(429);
    });

    it('logs the client address', async () => {
      // Client A: its LIMIT requests and the one refused; client B: one request.
      const addresses = await eventually(async () => loggedAddresses(logs, CLIENT_A), (found) => found.length === LIMIT + 1);
      expect(new Set(addresses)).toEqual(new Set([CLIENT_A]));
      expect(await eventually(async () => loggedAddresses(logs, CLIENT_B), (found) => found.length === 1)).toEqual([CLIENT_B]);
    });
  });
});
