import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { drainOnClose } from './drain-on-close';

// Found by test/faults/graceful-shutdown.fault-spec.ts: under steady keep-alive traffic a SIGTERMed
// process never finished closing its HTTP server.
describe('drainOnClose', () => {
  let server: Server;
  let url: string;
  let slowRequests = 0;

  beforeEach(async () => {
    server = createServer((request, response) => {
      // A request that is still being handled when close starts must get its whole answer.
      const delay = request.url === '/slow' ? 300 : 1;
      if (request.url === '/slow') slowRequests++;
      setTimeout(() => response.end(JSON.stringify({ ok: true })), delay);
    });
    drainOnClose(server, 60_000);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => server.closeAllConnections());

  it('closes while keep-alive clients keep sending, answering what it took, and says Connection: close', async () => {
    let sending = true;
    const failures: unknown[] = [];
    // Clients that reuse their connection without a pause, as a load balancer or a busy service would.
    const clients = Array.from({ length: 4 }, async () => {
      while (sending) {
        try {
          const response = await fetch(`${url}/fast`);
          await response.text();
        } catch {
          // refused once the server has stopped listening: the client would go to another instance
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    let slowConnection: string | null = null;
    const slow = fetch(`${url}/slow`).then((r) => {
      slowConnection = r.headers.get('connection');
      return r.json();
    }, (error: unknown) => failures.push(error));
    // Close only once the slow request is being handled, however loaded the machine is.
    while (slowRequests === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    sending = false;
    await Promise.all(clients);

    expect(slowRequests).toBe(1);
    expect(await slow).toEqual({ ok: true });
    expect(failures).toEqual([]);
    // The request in flight when close began is told to close its connection.
    expect(slowConnection).toBe('close');
  });

  it('cuts what is still open after the grace period, so that close is bounded', async () => {
    const hung = createServer(() => undefined);
    drainOnClose(hung, 200);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const request = fetch(`http://127.0.0.1:${(hung.address() as AddressInfo).port}/never`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));

    await new Promise<void>((resolve) => hung.close(() => resolve()));

    // fetch fails (its TypeError is from another realm than jest's) instead of waiting forever.
    expect(String(await request)).toMatch(/fetch failed/);
  });
});
