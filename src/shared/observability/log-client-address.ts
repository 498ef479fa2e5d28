import type { Request } from 'express';

/** The part of pino's serialized request this changes; `raw` is the request it was made from. */
interface SerializedRequest {
  remoteAddress?: string;
  raw: unknown;
}

/**
 * A pino-http `req` serializer: the request log names the client as express sees it (`req.ip`, which follows
 * X-Forwarded-For through the proxies TRUST_PROXY trusts, and is the socket's peer otherwise) rather than the
 * socket's peer, which behind an Ingress is the same proxy for every request. The rate limit keys on the same
 * address.
 */
export function logClientAddress<T extends SerializedRequest>(req: T): T {
  const client = (req.raw as Partial<Request>).ip;
  if (client) req.remoteAddress = client;
  return req;
}
