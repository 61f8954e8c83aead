import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/capture';

/** HAR files from tools that leave WebSocket messages out, made by the tools themselves (scripts beside them). */
const har = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/capture/har-no-messages/${name}`, import.meta.url)));

describe('a HAR without WebSocket messages', () => {
  it('chrome-har: names the tool and its entries, and says how to get a HAR with messages', () => {
    const r = importCapture('chrome-har.har', har('chrome-har-no-messages.har'));
    expect(r.connections).toEqual([]);
    // chrome-har 1.3.1 wrote the page and its favicon: 2 HTTP entries, no WebSocket entry at all.
    expect(r.error).toMatch(
      /^this HAR, made by chrome-har 1\.3\.1, has 2 entries; none of them is a WebSocket connection/,
    );
    expect(r.error).toContain('“Save all as HAR with content”');
    expect(r.error).toContain('_webSocketMessages');
  });

  it('mitmproxy: says the file has the 101 entry of the handshake, but not its messages', () => {
    const r = importCapture('mitm.har', har('mitmproxy-har-dump.har'));
    expect(r.error).toMatch(
      /^this HAR, made by mitmproxy har_dump 0\.1 \(mitmproxy version mitmproxy 8\.1\.1\), has 1 entry;/,
    );
    expect(r.error).toMatch(
      /one of them is a WebSocket opening handshake, http:\/\/127\.0\.0\.1:\d+\/chat \(status 101\)/,
    );
    expect(r.error).toContain('holds none of its messages');
  });

  it('a HAR without a creator still reads well', () => {
    const r = importCapture('x.har', new TextEncoder().encode('{"log":{"entries":[]}}'));
    expect(r.error).toMatch(/^this HAR has 0 entries; it holds no WebSocket messages\. To get a HAR/);
  });
});
