import { ModuleName } from '../../module-kit/config/module-name';
import { MessageEnvelope } from '../../module-kit/messaging/integration-message';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from the wire has the shape of an envelope between `known` modules; anything else is refused before it is handled. */
export function isEnvelope(value: unknown, known: readonly ModuleName[]): value is MessageEnvelope {
  const e = value as Partial<MessageEnvelope> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    UUID.test(e.id) &&
    typeof e.name === 'string' &&
    Number.isInteger(e.version) &&
    typeof e.source === 'string' &&
    known.includes(e.source) &&
    typeof e.destination === 'string' &&
    known.includes(e.destination) &&
    typeof e.payload === 'object' &&
    e.payload !== null &&
    typeof e.headers === 'object'
  );
}
