/** The Handshake view's run and animation timeline (src/views/Handshake/handshake-run.ts, timeline.ts): pure code. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELDS, PRESETS } from '../../../src/content/handshake';
import { computeRun, requestFromFields } from '../../../src/views/Handshake/handshake-run';

const SERVER = {
  serverProtocols: ['chat'],
  serverDeflate: true,
  forceFallback: false,
  source: 'editor' as const,
};

function runPreset(id: string) {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  return computeRun({
    ...SERVER,
    requestText: requestFromFields({ ...DEFAULT_FIELDS, ...preset.fields }),
    allowedOrigins: preset.allowedOrigins ? [preset.allowedOrigins] : [],
    pastedResponse: null,
    overrides: { accept: '', protocol: '', extensions: '', ...preset.server },
  });
}

describe('computeRun()', () => {
  it('animates the valid preset from compose to an open connection', async () => {
    const run = await runPreset('valid');
    const kinds = run.steps.map((s) => s.kind);
    expect(kinds[0]).toBe('compose');
    expect(kinds[1]).toBe('send-request');
    expect(kinds.filter((k) => k === 'check')).toHaveLength(
      run.requestChecks.checks.length + run.responseChecks.checks.length,
    );
    expect(
      run.steps.filter((s) => s.kind === 'accept').map((s) => (s.kind === 'accept' ? s.part : '')),
    ).toEqual(['concat', 'sha1', 'base64']);
    expect(run.steps.at(-1)).toMatchObject({ kind: 'end', outcome: 'open' });
    expect(run.accept?.accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(run.responseText).toContain('Sec-WebSocket-Protocol: chat\r\n');
  });

  it.each([
    ['wrong-version', 'version', 'refused', 426],
    ['missing-upgrade', 'request-upgrade', 'refused', 400],
    ['connection-no-upgrade', 'request-connection', 'refused', 400],
    ['short-key', 'key', 'refused', 400],
    ['post', 'method', 'refused', 400],
    ['foreign-origin', 'origin-allowed', 'refused', 403],
    ['wrong-accept', 'accept-match', 'failed', 101],
    ['unoffered-protocol', 'protocol-offered', 'failed', 101],
    ['unoffered-extension', 'extensions-offered', 'failed', 101],
  ])('preset %s stops at %s (%s, status %i)', async (id, checkId, outcome, status) => {
    const run = await runPreset(id);
    const checks = run.steps.flatMap((s) => (s.kind === 'check' ? [s.check] : []));
    const failed = checks.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failed[0]).toBe(checkId);
    expect(run.steps.at(-1)).toMatchObject({ kind: 'end', outcome });
    expect(run.response.status).toBe(status);
    // A refused request is never hashed; the server's answer is its error reply.
    expect(run.steps.some((s) => s.kind === 'accept')).toBe(outcome !== 'refused');
  });

  it('checks a pasted response against the pasted request', async () => {
    const run = await computeRun({
      ...SERVER,
      source: 'pasted',
      requestText: requestFromFields(DEFAULT_FIELDS),
      pastedResponse:
        'HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n',
      overrides: { accept: '', protocol: '', extensions: '' },
    });
    expect(run.responseSource).toBe('pasted');
    expect(run.responseChecks.checks.find((c) => c.id === 'response-syntax')?.status).toBe('warn');
    expect(run.steps.at(-1)).toMatchObject({ kind: 'end', outcome: 'open' });
  });

  it('reports the fallback when it is forced', async () => {
    const run = await computeRun({
      ...SERVER,
      forceFallback: true,
      requestText: requestFromFields(DEFAULT_FIELDS),
      pastedResponse: null,
      overrides: { accept: '', protocol: '', extensions: '' },
    });
    expect(run.hash.backend).toBe('noble-hashes');
    expect(run.accept?.accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});

describe('requestFromFields()', () => {
  it('leaves out empty headers and splits the protocol list', () => {
    const text = requestFromFields({ ...DEFAULT_FIELDS, upgrade: ' ', protocols: 'a, ,b' });
    expect(text).not.toMatch(/Upgrade: /);
    expect(text).toContain('Sec-WebSocket-Protocol: a, b\r\n');
  });
});
