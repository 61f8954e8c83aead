/**
 * SockJS framing over its raw WebSocket transport (`/<server>/<session>/websocket`, SockJS protocol 0.3): the server
 * sends `o` (open), `h` (heartbeat), `a["…",…]` (messages), `m"…"` (one message, old servers) and `c[code,"reason"]`
 * (close); the client sends a JSON array of strings (or one JSON string). The strings inside are decoded as STOMP
 * when they look like it (Spring's STOMP over SockJS), else shown as text. Byte spans of a STOMP field inside a
 * string point at the escaped bytes it came from.
 */
import { jsonStringSource } from './byte-source';
import { readJson } from './json-values';
import { looksLikeStomp, StompUnits } from './stomp';
import { lenientText } from './text';
import type { Direction, Field, ProtocolDecoder, WsMessage } from './types';
import { share, unit } from './unit-kit';
import { asInteger, asString, toField, type Value } from './values';

const SPEC = 'SockJS protocol 0.3';

function stringsOf(v: Value | null): Value[] | null {
  if (v?.kind === 'string') return [v];
  if (v?.kind === 'array' && (v.items ?? []).every((i) => i.kind === 'string')) return v.items ?? [];
  return null;
}

/** SockJS with what it carries: STOMP frames, or text messages. */
export const sockjsDecoder: ProtocolDecoder = {
  id: 'sockjs',
  name: 'SockJS (with STOMP inside)',
  subprotocols: [],
  matchesUrl: (url) => /\/\d{3}\/[^/?#]+\/websocket(?:[?#]|$)/.test(url),
  sniff(messages) {
    const first = messages.find((m) => m.direction === 's2c');
    if (!first || lenientText(first.data) !== 'o') return 0;
    return (
      0.3 + 0.6 * share(messages, (m) => /^(?:o|h|a\[|m"|c\[|\[")/.test(lenientText(m.data.subarray(0, 2))))
    );
  },
  decode(messages) {
    const out = new StompUnits(messages);
    const units = out.units;
    messages.forEach((m, index) => {
      const framing = (type: string, summary: string, fields: Field[], problems: string[] = []) =>
        units.push(unit(m.direction, type, summary, [index], fields, problems));
      const text = lenientText(m.data);
      const letter = m.direction === 's2c' ? text[0] : undefined;
      const letterField: Field = {
        name: 'frame type',
        value: letter ?? '',
        span: { message: index, start: 0, end: 1 },
      };
      if (letter === 'o' && text.length === 1) return framing('open', 'o (open)', [letterField]);
      if (letter === 'h' && text.length === 1) return framing('heartbeat', 'h (heartbeat)', [letterField]);
      const bodyStart = letter === 'a' || letter === 'm' || letter === 'c' ? 1 : 0;
      const r = readJson(m.data, bodyStart);
      if (r.problem !== null || !r.value) {
        const why = `byte ${r.end}: ${m.direction === 's2c' ? 'a SockJS frame is o, h, a[…], m"…" or c[…]' : 'the client sends a JSON array of strings'} (${SPEC})`;
        return framing(
          'invalid frame',
          `not a SockJS frame: ${text.slice(0, 30)}`,
          [],
          [r.problem ?? why, why],
        );
      }
      if (letter === 'c') {
        const code = asInteger(r.value.items?.[0]);
        const reason = asString(r.value.items?.[1]);
        const problems = code === null || reason === null ? [`c must carry [code, "reason"] (${SPEC})`] : [];
        return framing(
          'close',
          `c ${code ?? '?'} ${JSON.stringify(reason ?? '')}`,
          [letterField, toField('close', r.value, index)],
          problems,
        );
      }
      const strings = stringsOf(r.value);
      if (strings === null) {
        return framing(
          'invalid frame',
          'not an array of strings',
          [toField('payload', r.value, index)],
          [`byte ${r.value.start}: SockJS messages are JSON strings in an array (${SPEC})`],
        );
      }
      if (strings.length === 0)
        return framing('array', `${letter ?? ''}[] (no messages)`, [toField('messages', r.value, index)]);
      for (const s of strings) decodeInner(out, m.direction, index, m, s);
    });
    return units;
  },
};

/** One string of a SockJS frame: STOMP frames when it looks like STOMP, else a text message. */
function decodeInner(out: StompUnits, direction: Direction, index: number, m: WsMessage, s: Value): void {
  const src = jsonStringSource(index, m.data, s.start, s.end);
  const text = String(s.value);
  if (src && looksLikeStomp({ direction, opcode: 1, data: src.bytes })) {
    const rest = out.readAll(direction, src);
    if (rest) out.incomplete(direction, src, rest.start, rest.reason);
    return;
  }
  const summary = `message ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`;
  out.units.push(unit(direction, 'message', summary, [index], [toField('message', s, index)]));
}
