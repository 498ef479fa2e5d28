import { isIP } from 'node:net';
import { TrustProxy } from '../../module-kit/config/app-config';
import { ConfigError } from './config-error';

const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const TRUST_PROXY_HELP =
  'use the number of proxies in front of the app (e.g. 1), or a comma list of their addresses, CIDR ranges (e.g. 10.0.0.0/8) and loopback, linklocal, uniquelocal; leave it unset to trust none.';

/**
 * Which peers may tell the app the client's address in X-Forwarded-For (express's `trust proxy`). Unset:
 * none, so a client cannot pick its own address for the rate limit and the logs. `true` is refused: it
 * would trust every peer, which is the same as trusting every client.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 100) throw new ConfigError(`TRUST_PROXY "${raw}" is not a believable number of proxies: ${TRUST_PROXY_HELP}`);
    return hops === 0 ? false : hops;
  }
  if (value.toLowerCase() === 'true') {
    throw new ConfigError(`TRUST_PROXY=true would let any client choose its own address with X-Forwarded-For: ${TRUST_PROXY_HELP}`);
  }
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (!isTrustedProxyEntry(entry)) throw new ConfigError(`TRUST_PROXY entry "${entry}" is not a proxy address: ${TRUST_PROXY_HELP}`);
  }
  return entries.map((entry) => (TRUST_PROXY_NAMES.includes(entry.toLowerCase()) ? entry.toLowerCase() : entry));
}

function isTrustedProxyEntry(entry: string): boolean {
  if (TRUST_PROXY_NAMES.includes(entry.toLowerCase())) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
