import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { StartupError } from '../config/startup-error';

/**
 * Answers on HTTP_PORT while the process is still starting (waiting for its database or broker, say), before the real
 * server can listen there: the process is alive (/health/live 200, `status: "starting"`) but not ready
 * (/health/ready 503, in the health controller's format), and everything else is a 503 problem with
 * Retry-After. An orchestrator so sees a process that is coming up, rather than one that does not answer
 * and must be restarted.
 */
export class BootingResponder {
  private constructor(private readonly server: Server) {}

  static async start(port: number): Promise<BootingResponder> {
    const server = createServer(answer);
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new StartupError(`HTTP_PORT ${port} is in use: stop what listens there, or choose another port.`) : error),
      );
      server.listen(port, () => resolve());
    });
    return new BootingResponder(server);
  }

  /** Frees the port for the real server; requests in flight here are cut short, as they only said "wait". */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

function answer(request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '/').split('?')[0];
  response.setHeader('Connection', 'close');
  if (path === '/health/live') return send(response, 200, 'application/json', { status: 'starting' });
  if (path === '/health/ready') {
    const startup = { startup: { status: 'down', message: 'the process is still starting' } };
    return send(response, 503, 'application/json', { status: 'error', info: {}, error: startup, details: startup });
  }
  response.setHeader('Retry-After', '1');
  send(response, 503, 'application/problem+json', {
    type: 'https://httpstatuses.io/503',
    title: 'Service Unavailable',
    status: 503,
    detail: 'The process is still starting; try again shortly.',
    code: 'STARTING',
  });
}

function send(response: ServerResponse, status: number, type: string, body: object): void {
  response.writeHead(status, { 'Content-Type': `${type}; charset=utf-8` });
  response.end(JSON.stringify(body));
}
