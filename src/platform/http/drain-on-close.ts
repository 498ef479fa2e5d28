import type { Server, ServerResponse } from 'node:http';

/**
 * Makes `server.close()` finish under steady traffic. Node's close stops new connections and ends the idle
 * ones once, but a keep-alive connection that keeps bringing requests is never idle, so close would wait
 * for as long as a client keeps sending. From close on: every answer says `Connection: close` (the client
 * reconnects elsewhere), idle connections are ended as soon as they are idle, and after `graceMs` whatever
 * is still open is cut, so that shutdown is bounded.
 */
export function drainOnClose(server: Server, graceMs: number): void {
  const close = server.close.bind(server);
  let draining = false;
  // Answers still being worked on when close starts say it too, so their clients do not send another request.
  const unanswered = new Set<ServerResponse>();
  server.prependListener('request', (_request, response) => {
    if (draining) {
      if (!response.headersSent) response.setHeader('connection', 'close');
      return;
    }
    unanswered.add(response);
    response.once('finish', () => unanswered.delete(response));
    response.once('close', () => unanswered.delete(response));
  });
  server.close = ((callback?: (error?: Error) => void) => {
    draining = true;
    for (const response of unanswered) if (!response.headersSent) response.setHeader('connection', 'close');
    unanswered.clear();
    close(callback);
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    idle.unref();
    cut.unref();
    server.once('close', () => {
      clearInterval(idle);
      clearTimeout(cut);
    });
    return server;
  }) as Server['close'];
}
