/**
 * The outbound URL guard: decides whether the service may open a connection to a URL that came from data
 * (a source's feed address, a redirect's Location, a webhook target). Only http and https are allowed, and
 * no address in a private, loopback, link-local, unspecified or otherwise non-public range, so that a feed
 * URL cannot be used to reach the database, a cloud metadata endpoint or another internal service.
 *
 * Names are checked after DNS resolution, inside the `lookup` the HTTP agent connects with: the addresses
 * that are checked are the ones the socket connects to, so a name that resolves to a public address for the
 * check and a private one for the connection (DNS rebinding) gets nowhere. Literal IP hosts never reach a
 * lookup, so `assertAllowedUrl` checks them itself. The HTTP client (lib/outbound-request.ts) calls both
 * for the first URL and again for every redirect.
 *
 * `allowPrivate` (ALLOW_PRIVATE_SOURCES) turns the address check off, for tests and closed networks; the
 * scheme check always applies. `trustedOrigins` lets through exact origins the operator configured (the
 * RSS bridge, which usually runs beside the service on 127.0.0.1), and nothing else on those hosts.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from './errors.js';
import type { AppErrorOptions } from './errors.js';

/** A URL the guard will not let the service connect to. */
export class OutboundRefusedError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('OUTBOUND_REFUSED', 400, message, options);
  }
}

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * ipaddr.js names the range an address falls in; only ordinary public unicast is allowed. Everything else
 * (private, loopback, linkLocal, uniqueLocal, unspecified, carrierGradeNat, multicast, broadcast, reserved,
 * and the IPv6 ranges that embed an IPv4 address such as 6to4 and NAT64) is refused.
 */
const PUBLIC_RANGE = 'unicast';

export interface AddressVerdict {
  allowed: boolean;
  /** The ipaddr.js range name (`private`, `loopback`, `unicast`, ...), or `invalid`. */
  range: string;
}

/**
 * Classifies one IP address. An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is judged as the IPv4
 * address it carries.
 */
export function classifyAddress(address: string): AddressVerdict {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return { allowed: false, range: 'invalid' };
  const range = ipaddr.process(bare).range();
  return { allowed: range === PUBLIC_RANGE, range };
}

/** Whether a string is an IP literal (v4, or v6 with or without brackets), as opposed to a host name. */
function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ''));
}

type DnsLookupAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface OutboundGuardOptions {
  /** Skip the address check (ALLOW_PRIVATE_SOURCES=true). The scheme check still applies. */
  allowPrivate: boolean;
  /** Exact origins (`http://127.0.0.1:1200`) allowed whatever their address, e.g. the RSS bridge. */
  trustedOrigins?: readonly string[];
  /** The resolver; node's dns.lookup by default. Tests pass their own to map names to addresses. */
  resolve?: DnsLookupAll;
}

export interface OutboundGuard {
  readonly allowPrivate: boolean;
  /**
   * Parses a URL and throws OutboundRefusedError unless it is http(s) and, when its host is an IP literal,
   * a public address. Host names are checked later, at connection time, by `lookupFor`.
   */
  assertAllowedUrl(url: string | URL): URL;
  /** Resolves a URL's host and throws OutboundRefusedError if any address it resolves to is refused. */
  assertAllowedDestination(url: string | URL): Promise<URL>;
  /**
   * The `lookup` to give http.request / an Agent for a request to `url`: it resolves the name, refuses it
   * when any address is not public, and hands the checked addresses to the socket. Undefined when the URL's
   * origin is trusted or private addresses are allowed (the default lookup is then used).
   */
  lookupFor(url: URL): LookupFunction | undefined;
}

function parseUrl(url: string | URL): URL {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch (error) {
    throw new OutboundRefusedError(`Not a valid URL: ${url}`, { cause: error });
  }
}

function normaliseOrigin(origin: string): string {
  return new URL(origin).origin;
}

export function createOutboundGuard(options: OutboundGuardOptions): OutboundGuard {
  const resolve: DnsLookupAll = options.resolve ?? dnsLookup;
  const trusted = new Set((options.trustedOrigins ?? []).map(normaliseOrigin));
  const allowPrivate = options.allowPrivate;

  function isExempt(url: URL): boolean {
    return allowPrivate || trusted.has(url.origin);
  }

  function refuseAddress(host: string, address: string, range: string): OutboundRefusedError {
    const shown = host === address ? address : `${host} (${address})`;
    return new OutboundRefusedError(
      `Refused to connect to ${shown}: the address is ${range}, not public. ` +
        'Set ALLOW_PRIVATE_SOURCES=true to allow private addresses.',
      { details: { host, address, range } },
    );
  }

  /** Resolves a host name to all its addresses, failing when any of them is refused. */
  function resolveChecked(hostname: string, family: number | undefined): Promise<LookupAddress[]> {
    return new Promise((settle, fail) => {
      const lookupOptions: LookupAllOptions = { all: true, ...(family ? { family } : {}) };
      resolve(hostname, lookupOptions, (error, addresses) => {
        if (error) return fail(error);
        if (addresses.length === 0) return fail(new OutboundRefusedError(`${hostname} has no address.`));
        // Any refused address refuses the name: the socket may pick any of them.
        for (const { address } of addresses) {
          const verdict = classifyAddress(address);
          if (!verdict.allowed) return fail(refuseAddress(hostname, address, verdict.range));
        }
        settle(addresses);
      });
    });
  }

  function assertAllowedUrl(input: string | URL): URL {
    const url = parseUrl(input);
    if (!ALLOWED_PROTOCOLS.has(url.protocol)) {
      throw new OutboundRefusedError(`Only http and https URLs are fetched, not ${url.protocol}`, {
        details: { url: url.href },
      });
    }
    if (isExempt(url)) return url;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIpLiteral(host)) {
      const verdict = classifyAddress(host);
      if (!verdict.allowed) throw refuseAddress(host, host, verdict.range);
    }
    return url;
  }

  const guardedLookup: LookupFunction = (hostname, lookupOptions: LookupOptions, callback) => {
    const family = typeof lookupOptions.family === 'number' ? lookupOptions.family : undefined;
    resolveChecked(hostname, family).then(
      (addresses) => {
        if ((lookupOptions as LookupAllOptions).all) {
          (callback as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
          return;
        }
        const [first] = addresses as [LookupAddress];
        (callback as (error: null, address: string, family: number) => void)(
          null,
          first.address,
          first.family,
        );
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

  return {
    allowPrivate,
    assertAllowedUrl,

    async assertAllowedDestination(input) {
      const url = assertAllowedUrl(input);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!isExempt(url) && !isIpLiteral(host)) await resolveChecked(host, undefined);
      return url;
    },

    lookupFor(url) {
      return isExempt(url) ? undefined : guardedLookup;
    },
  };
}
