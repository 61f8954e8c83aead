import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/capture';

const har = JSON.parse(
  readFileSync(new URL('../../fixtures/capture/chromium-devtools.har', import.meta.url), 'utf8'),
) as { log: { entries: { _webSocketMessages?: { data: unknown }[] }[] } };

function importEdited(edit: (messages: { data: unknown }[]) => void) {
  const copy = structuredClone(har);
  const entry = copy.log.entries.find((e) => Array.isArray(e._webSocketMessages));
  if (!entry?._webSocketMessages) throw new Error('the fixture has no WebSocket entry');
  edit(entry._webSocketMessages);
  return importCapture('edited.har', new TextEncoder().encode(JSON.stringify(copy)));
}

describe('HAR messages whose data is not a string', () => {
  const original = importEdited(() => {});
  const messages = original.connections.flatMap((c) => c.messages);

  it.each([
    ['a number', 42],
    ['an object', { text: 'hi' }],
    ['an array', [1, 2]],
    ['null', null],
  ])('data that is %s: a warning, and no empty text message invented', (kind, value) => {
    const r = importEdited((m) => {
      (m[0] as { data: unknown }).data = value;
    });
    const got = r.connections.flatMap((c) => c.messages);
    expect(got).toHaveLength(messages.length - 1);
    expect(got.filter((m) => m.text === '')).toHaveLength(messages.filter((m) => m.text === '').length);
    expect(r.warnings.map((w) => w.message).join('\n')).toContain(`data is ${kind}`);
  });
});

describe('JSON nested past any HAR or session', () => {
  it('is refused with where it nests too deep, before JSON.parse builds it', () => {
    const r = importCapture('deep.json', new TextEncoder().encode('['.repeat(100_000)));
    expect(r.error).toBe(
      'the file starts like JSON but nests more than 64 levels deep at character 65: HAR and session files nest a few levels',
    );
  });

  it('counts no bracket inside a string: the real HAR with "[[[[" in a message still imports', () => {
    const r = importEdited((m) => {
      (m[0] as { data: unknown }).data = '['.repeat(500) + '"\\\\' + '{'.repeat(500);
    });
    expect(r.error).toBeNull();
    expect(r.connections.flatMap((c) => c.messages).some((m) => m.text?.startsWith('[[[['))).toBe(true);
  });
});
