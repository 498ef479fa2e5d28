import { Logger } from '@nestjs/common';
import { RedisOptions, ServerRedis } from '@nestjs/microservices';

// ServerRedis's own type for its connections (ioredis), without importing ioredis, which only Nest depends on.
type RedisConnection = Parameters<ServerRedis['handleMessage']>[2];

/**
 * Nest's Redis server with competing consumers. Redis pub/sub gives every subscriber every message, so each
 * replica of a module (same MODULES) would run every call and every inbox delivery: a deposit made once per
 * replica. Before handling a request, a replica claims it by its packet id with `SET <claim key> 1 NX PX <ttl>`;
 * only the replica whose SET succeeded handles it, the others drop their copy.
 *
 * Redis writes a message to its subscribers in the order they subscribed, so left alone the first replica would
 * win nearly every claim. A replica that already has requests in hand (claimed, or being claimed, and not yet
 * answered) waits a random 0 to 2 ms per request (at most 10 ms) before it claims the next, which lets an idle or luckier
 * replica take it: the work spreads as soon as there is more than one request at a time, and an idle replica
 * claims at once, adding no delay. (When calls come one at a time, one replica may answer them all; that is
 * still once each.)
 */
export class RedisModuleServer extends ServerRedis {
  private readonly serverLogger = new Logger('RedisModuleServer');
  /** The packet ids this replica claimed and has not answered yet. */
  private readonly inHand = new Set<string>();
  /** Claims sent to Redis and not yet decided. */
  private claiming = 0;

  constructor(
    options: Required<RedisOptions>['options'],
    /** Builds the claim key of a packet id, inside the deployment's namespace. */
    private readonly claimKey: (packetId: string) => string,
    private readonly claimTtlMs: number,
  ) {
    super(options);
  }

  override async handleMessage(channel: string, buffer: string, pub: RedisConnection, pattern: string): Promise<void> {
    const id = readPacketId(buffer);
    // Events (no id) expect no answer and are not used between modules; they go to Nest unclaimed.
    if (id !== undefined) {
      if (!(await this.claimInTurn(pub, id, channel))) return;
      this.inHand.add(id);
    }
    try {
      return await super.handleMessage(channel, buffer, pub, pattern);
    } catch (error) {
      if (id !== undefined) this.inHand.delete(id);
      throw error;
    }
  }

  override getPublisher(pub: RedisConnection, pattern: string, id: string, context: Parameters<ServerRedis['getPublisher']>[3]): (response: unknown) => unknown {
    const publish = super.getPublisher(pub, pattern, id, context);
    return (response) => {
      this.inHand.delete(id);
      return publish(response);
    };
  }

  /** Claims packet `id` after a pause as long as this replica is busy (see above); true when it won. */
  private async claimInTurn(pub: RedisConnection, id: string, channel: string): Promise<boolean> {
    const busy = Math.min(this.inHand.size + this.claiming, 5);
    this.claiming++;
    try {
      if (busy > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * busy));
      return await this.claim(pub, id, channel);
    } finally {
      this.claiming--;
    }
  }

  /** True when this replica is the one to handle packet `id`. */
  private async claim(pub: RedisConnection, id: string, channel: string): Promise<boolean> {
    try {
      return (await pub.set(this.claimKey(id), '1', 'PX', this.claimTtlMs, 'NX')) === 'OK';
    } catch (error) {
      // Without Redis no replica can claim it, nor answer it: the caller times out and tries again.
      this.serverLogger.warn(`could not claim a request on ${channel}: ${(error as Error).message}`);
      return false;
    }
  }
}

/** The id of a Nest request packet (`{ pattern, data, id }`), or undefined for an event or anything else. */
function readPacketId(buffer: string | Buffer): string | undefined {
  try {
    const packet: unknown = JSON.parse(buffer.toString());
    const id = packet !== null && typeof packet === 'object' && 'id' in packet ? packet.id : undefined;
    return typeof id === 'string' && id.length > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}
