import { describe, expect, it } from 'vitest';
import { defaultDraft } from '../../../src/views/Builder/frame-draft';
import { readSharedState, sharedStateWire } from '../../../src/views/Builder/share-state';
import { shareableUrl } from '../../../src/views/Live/live-link';

describe('sharedStateWire() / readSharedState() (the Builder’s link)', () => {
  it('carries plain hex payloads as Base64 of their bytes and gives them back as spaced hex', () => {
    const draft = { ...defaultDraft('client', new Uint8Array([0x37, 0xfa, 0x21, 0x3d])) };
    draft.payload = { kind: 'hex', hex: '48656C 6c 6f' };
    const wire = sharedStateWire({ role: 'client', frames: [draft], selected: 0, deflate: false }) as {
      f: { p: unknown }[];
    };
    // RFC 4648 §10: BASE64("Hello") … "SGVsbG8=".
    expect(wire.f[0]!.p).toEqual(['b', 'SGVsbG8=']);
    const read = readSharedState(JSON.parse(JSON.stringify(wire)));
    expect(read.ok && read.state.frames[0]!.payload).toEqual({ kind: 'hex', hex: '48 65 6c 6c 6f' });
  });

  it('keeps other hex forms as typed, and refuses Base64 that is not', () => {
    const draft = {
      ...defaultDraft('client', new Uint8Array(4)),
      payload: { kind: 'hex' as const, hex: '0x48, 0x65' },
    };
    const wire = sharedStateWire({ role: 'client', frames: [draft], selected: 0, deflate: false }) as {
      f: { p: unknown }[];
    };
    expect(wire.f[0]!.p).toEqual(['x', '0x48, 0x65']);
    const bad = { ...wire, f: [{ ...wire.f[0], p: ['b', '<script>'] }] };
    expect(readSharedState(bad)).toEqual({
      ok: false,
      error: 'The link’s builder state is damaged: frame 1: unreadable payload.',
    });
  });
});

describe('shareableUrl() (the Live link never carries a tap id or credentials)', () => {
  it('drops the user name, the password, the tap id and secret-looking parameters', () => {
    expect(shareableUrl('ws://ada:pw@127.0.0.1:9001/echo?tap=1f2e&token=abc&room=7&apiKey=k')).toBe(
      'ws://127.0.0.1:9001/echo?room=7',
    );
    expect(shareableUrl('wss://example.com/socket?Authorization=Bearer%20x&session_id=3')).toBe(
      'wss://example.com/socket',
    );
  });

  it('keeps a URL without secrets as it is, and strips user:password@ even from text that is no URL', () => {
    expect(shareableUrl('ws://127.0.0.1:9001/echo?play=chat')).toBe('ws://127.0.0.1:9001/echo?play=chat');
    expect(shareableUrl('ws://ada:pw@[bad')).toBe('ws://[bad');
  });
});
