import { IntegrationMessage, MessageEnvelope, typeOf } from './integration-message';

/** The header that carries the newer versions of the message an envelope holds (see MessageVersions). */
export const NEWER_VERSIONS_HEADER = 'newer-versions';

/** A version of the same message beside the envelope's own. */
export interface OtherVersion {
  version: number;
  payload: object;
}

/**
 * One message written in several versions of its contract at once, for consumers of different releases
 * (docs/versioning.md). The outbox sends each consumer one envelope, in the oldest of these versions that
 * the consumer's manifest lists, with the newer ones it lists in the `newer-versions` header. A process of
 * an older release reads the envelope's own version and leaves the header alone, as it does every header it
 * does not know; a newer one takes the newest version it handles. One envelope with one id: whichever
 * version is read, the message is handled once, and no process is sent a version it cannot know.
 */
export class MessageVersions {
  /** Oldest first. */
  readonly versions: IntegrationMessage[];

  constructor(...versions: IntegrationMessage[]) {
    this.versions = [...versions].sort((a, b) => typeOf(a).version - typeOf(b).version);
    const [first, ...rest] = this.versions;
    const names = new Set(this.versions.map((v) => typeOf(v).messageName));
    const numbers = new Set(this.versions.map((v) => typeOf(v).version));
    if (!first || names.size !== 1 || numbers.size !== this.versions.length || rest.some((v) => v.orderingKey !== first.orderingKey)) {
      throw new Error('MessageVersions takes distinct versions of one message, with the same ordering key');
    }
  }
}

/** The header that carries `newer`, or none when there are none. */
export function newerVersionsHeader(newer: IntegrationMessage[]): Record<string, string> {
  if (newer.length === 0) return {};
  return { [NEWER_VERSIONS_HEADER]: JSON.stringify(newer.map((m) => ({ version: typeOf(m).version, payload: m.payload }))) };
}

/**
 * The versions an envelope holds, newest first: its own and those in its `newer-versions` header. A header
 * that is not what newerVersionsHeader writes is left out, as an older process would leave it.
 */
export function versionsIn(envelope: MessageEnvelope): OtherVersion[] {
  const own = { version: envelope.version, payload: envelope.payload };
  return [own, ...parseNewer(envelope.headers?.[NEWER_VERSIONS_HEADER])].sort((a, b) => b.version - a.version);
}

function parseNewer(header: unknown): OtherVersion[] {
  if (typeof header !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(header);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((v): v is OtherVersion => Number.isInteger(v?.version) && typeof v.payload === 'object' && v.payload !== null);
  } catch {
    return [];
  }
}
