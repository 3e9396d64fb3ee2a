import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress, LookupAllOptions } from 'node:dns';
import { OutboundRefusedError, classifyAddress, createOutboundGuard } from '../../lib/outbound-guard.js';
import { sendOutboundRequest } from '../../lib/outbound-request.js';

/** A resolver that answers from a fixed table, so names can point anywhere without real DNS. */
function fixedResolver(table: Record<string, string[]>) {
  return (
    hostname: string,
    _options: LookupAllOptions,
    callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ) => {
    const addresses = table[hostname];
    if (!addresses) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, []);
      return;
    }
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
}

const requestOptions = { timeoutMs: 5_000, maxBytes: 1_000_000, maxRedirects: 5 };

describe('lib/outbound-guard', () => {
  describe('classifyAddress', () => {
    const refused: Array<[string, string]> = [
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['192.168.1.1', 'private'],
      ['127.0.0.1', 'loopback'],
      ['127.8.9.10', 'loopback'],
      ['169.254.169.254', 'linkLocal'],
      ['0.0.0.0', 'unspecified'],
      ['100.64.0.1', 'carrierGradeNat'],
      ['::', 'unspecified'],
      ['::1', 'loopback'],
      ['fe80::1', 'linkLocal'],
      ['fc00::1', 'uniqueLocal'],
      ['fd12:3456::1', 'uniqueLocal'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:10.0.0.1', 'private'],
      ['::ffff:a9fe:a9fe', 'linkLocal'],
      ['64:ff9b::a00:1', 'rfc6052'],
      ['224.0.0.1', 'multicast'],
      ['[::1]', 'loopback'],
      ['not-an-address', 'invalid'],
    ];
    for (const [address, range] of refused) {
      it(`refuses ${address} as ${range}`, () => {
        assert.deepEqual(classifyAddress(address), { allowed: false, range });
      });
    }
    for (const address of ['8.8.8.8', '149.154.167.99', '2606:4700::6810:84e5', '::ffff:8.8.8.8']) {
      it(`allows the public address ${address}`, () => {
        assert.deepEqual(classifyAddress(address), { allowed: true, range: 'unicast' });
      });
    }
  });

  describe('assertAllowedUrl', () => {
    const guard = createOutboundGuard({ allowPrivate: false });

    for (const url of ['ftp://example.org/feed', 'file:///etc/passwd', 'gopher://example.org/', 'data:,x']) {
      it(`refuses the scheme of ${url}`, () => {
        assert.throws(() => guard.assertAllowedUrl(url), OutboundRefusedError);
      });
    }
    it('refuses a string that is not a URL', () => {
      assert.throws(() => guard.assertAllowedUrl('not a url'), /Not a valid URL/);
    });
    for (const url of [
      'http://127.0.0.1/',
      'http://[::1]:8080/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://169.254.169.254/latest/meta-data/',
      'https://10.0.0.5/feed',
      'http://2130706433/',
      'http://0x7f.1/',
    ]) {
      it(`refuses the literal private address in ${url}`, () => {
        assert.throws(
          () => guard.assertAllowedUrl(url),
          (error: unknown) => {
            assert.ok(error instanceof OutboundRefusedError);
            assert.equal(error.code, 'OUTBOUND_REFUSED');
            return true;
          },
        );
      });
    }
    it('lets a public literal and any host name through (names are checked at lookup)', () => {
      assert.equal(guard.assertAllowedUrl('https://8.8.8.8/x').hostname, '8.8.8.8');
      assert.equal(guard.assertAllowedUrl('https://t.me/s/channel').hostname, 't.me');
    });
    it('with allowPrivate, lets private addresses through but still checks the scheme', () => {
      const open = createOutboundGuard({ allowPrivate: true });
      assert.equal(open.assertAllowedUrl('http://127.0.0.1:1/').port, '1');
      assert.throws(() => open.assertAllowedUrl('file:///etc/passwd'), OutboundRefusedError);
    });
    it('lets a trusted origin through, and only that origin', () => {
      const withBridge = createOutboundGuard({
        allowPrivate: false,
        trustedOrigins: ['http://127.0.0.1:1200/'],
      });
      assert.ok(withBridge.assertAllowedUrl('http://127.0.0.1:1200/telegram/channel/x'));
      assert.throws(() => withBridge.assertAllowedUrl('http://127.0.0.1:27017/'), OutboundRefusedError);
    });
  });

  describe('assertAllowedDestination (after DNS)', () => {
    const guard = createOutboundGuard({
      allowPrivate: false,
      resolve: fixedResolver({
        'feeds.example': ['93.184.216.34'],
        'internal.example': ['10.0.0.7'],
        'mixed.example': ['93.184.216.34', '127.0.0.1'],
        'mapped.example': ['::ffff:192.168.0.1'],
      }),
    });

    it('accepts a name that resolves to public addresses only', async () => {
      assert.equal(
        (await guard.assertAllowedDestination('https://feeds.example/rss')).hostname,
        'feeds.example',
      );
    });
    for (const name of ['internal.example', 'mixed.example', 'mapped.example']) {
      it(`refuses ${name}, which resolves to a non-public address`, async () => {
        await assert.rejects(guard.assertAllowedDestination(`https://${name}/`), OutboundRefusedError);
      });
    }
  });

  describe('through sendOutboundRequest', () => {
    let server: Server;
    let port: number;

    before(async () => {
      server = createServer((request, response) => {
        if (request.url === '/to-localhost') {
          response.writeHead(302, { location: `http://localhost:${port}/feed` }).end();
        } else if (request.url === '/to-literal') {
          response.writeHead(301, { location: `http://[::1]:${port}/feed` }).end();
        } else if (request.url === '/to-mapped') {
          response.writeHead(307, { location: `http://[::ffff:7f00:1]:${port}/feed` }).end();
        } else if (request.url === '/to-file') {
          response.writeHead(302, { location: 'file:///etc/passwd' }).end();
        } else {
          response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    after(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('refuses a host name that resolves to loopback, checked in the socket lookup', async () => {
      const guard = createOutboundGuard({ allowPrivate: false });
      await assert.rejects(
        sendOutboundRequest(guard, `http://localhost:${port}/feed`, requestOptions),
        (error: unknown) => error instanceof OutboundRefusedError && /loopback/.test(error.message),
      );
    });

    it('refuses a name that a resolver maps to a private address', async () => {
      const guard = createOutboundGuard({
        allowPrivate: false,
        resolve: fixedResolver({ 'looks-public.example': ['192.168.7.7'] }),
      });
      await assert.rejects(
        sendOutboundRequest(guard, `http://looks-public.example:${port}/feed`, requestOptions),
        OutboundRefusedError,
      );
    });

    for (const [path, why] of [
      ['/to-localhost', 'a name resolving to loopback'],
      ['/to-literal', 'an IPv6 loopback literal'],
      ['/to-mapped', 'an IPv4-mapped IPv6 loopback literal'],
      ['/to-file', 'a file: URL'],
    ] as const) {
      it(`refuses a redirect from an allowed origin to ${why}`, async () => {
        const guard = createOutboundGuard({
          allowPrivate: false,
          trustedOrigins: [`http://127.0.0.1:${port}`],
        });
        await assert.rejects(
          sendOutboundRequest(guard, `http://127.0.0.1:${port}${path}`, requestOptions),
          OutboundRefusedError,
        );
      });
    }

    it('fetches from loopback when private addresses are allowed', async () => {
      const guard = createOutboundGuard({ allowPrivate: true });
      const response = await sendOutboundRequest(
        guard,
        `http://localhost:${port}/to-localhost`,
        requestOptions,
      );
      assert.equal(response.status, 200);
      assert.equal(response.body.toString(), 'ok');
      assert.deepEqual(response.redirects, [`http://localhost:${port}/feed`]);
    });
  });
});
