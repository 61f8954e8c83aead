import { createServer, type AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { offeredAlpn } from '../../../../src/capture/http-upgrade';

/** The first bytes a real Node TLS client sends (its ClientHello), to a loopback server that never answers. */
async function clientHello(alpn: string[] | undefined): Promise<Uint8Array> {
  const server = createServer();
  const first = new Promise<Uint8Array>((resolve) =>
    server.on('connection', (s) => {
      s.once('data', (d) => {
        resolve(new Uint8Array(d));
        s.destroy();
      });
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const tls = connect({ host: '127.0.0.1', port, ALPNProtocols: alpn, servername: 'framescope.test' });
  // The server hangs up on the handshake: the client's error is expected.
  tls.on('error', () => {});
  const bytes = await first;
  tls.destroy();
  await new Promise((r) => server.close(r));
  return bytes;
}

describe('offeredAlpn()', () => {
  it('reads the protocols a real ClientHello offers (RFC 7301), and none when it offers none', async () => {
    expect(offeredAlpn(await clientHello(['h2', 'http/1.1']))).toEqual(['h2', 'http/1.1']);
    expect(offeredAlpn(await clientHello(undefined))).toEqual([]);
  });

  it('never throws on a cut-off ClientHello', async () => {
    const hello = await clientHello(['h2']);
    for (let n = 0; n <= hello.length; n++)
      expect(Array.isArray(offeredAlpn(hello.subarray(0, n)))).toBe(true);
  });
});
