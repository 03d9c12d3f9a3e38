import { isIP } from 'node:net';

/**
 * Which reverse proxies may tell the API the client's address and scheme (`X-Forwarded-For`,
 * `X-Forwarded-Proto`), in the form Express's `trust proxy` setting takes. It decides `request.ip`
 * (the login throttle counts per address) and `request.secure` (the session cookie's `Secure` flag
 * and HSTS), so trusting a header nobody strips would let any client choose both.
 */
export type TrustProxy = boolean | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(token: string): boolean {
  if (NAMED_RANGES.has(token)) return true;
  const [address, prefix, extra] = token.split('/');
  if (extra !== undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `false` (the default: the API faces clients itself), `true` (every hop: only when something in
 * front always rewrites the headers), a hop count, or a comma-separated list of proxy addresses,
 * subnets and Express's names `loopback`, `linklocal`, `uniquelocal`. Returns a problem to report,
 * or the setting.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy | { problem: string } {
  const value = (raw ?? '').trim();
  if (value === '' || /^(false|no)$/i.test(value)) return false;
  if (/^(true|yes)$/i.test(value)) return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops === 0 ? false : hops <= 10 ? hops : { problem: `代理层数须为 0–10 (got "${raw}")` };
  }
  const tokens = value.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const bad = tokens.filter((t) => !isAddressOrSubnet(t));
  if (bad.length > 0 || tokens.length === 0) {
    return { problem: `须为 true、false、代理层数，或以逗号分隔的代理地址/网段（如 10.0.0.0/8）或 loopback、linklocal、uniquelocal (got "${bad.join(',') || raw}")` };
  }
  return tokens;
}
