/** What the Decoder exports: decoded frames as JSON, messages as text, and the share link. */
import { toHex } from '../../codec/hex';
import type { Direction, StreamResult } from '../../codec/stream';
import { directionLabel } from '../../content/decoder';

/** Frames as plain JSON (bytes as hex strings, so the file reads well and parses back). */
export function framesJson(result: StreamResult): string {
  const frames = result.frames.map((f) => ({
    index: f.index,
    offset: f.offset,
    length: f.length,
    direction: f.direction,
    fin: f.fin,
    rsv1: f.rsv1,
    rsv2: f.rsv2,
    rsv3: f.rsv3,
    opcode: f.opcode,
    opcodeName: f.opcodeName,
    masked: f.masked,
    maskingKey: f.maskingKey ? toHex(f.maskingKey, '') : null,
    payloadLength: f.payloadLength,
    payload: toHex(f.payload, ''),
    message: f.message,
    afterClose: f.afterClose,
    violations: f.violations,
  }));
  return JSON.stringify(
    {
      bytes: result.length,
      frames,
      failure: result.failure,
      closes: result.closes.map(({ info: _info, ...c }) => c),
    },
    null,
    2,
  );
}

/** Messages as text: a heading line per message, then its text (or its bytes in hex for binary). */
export function messagesText(result: StreamResult): string {
  return result.messages
    .map((m) => {
      const frames = m.frames.map((i) => i + 1).join(', ');
      const head = `# message ${m.index + 1} · ${directionLabel(m.direction)} · ${m.opcode === 1 ? 'text' : 'binary'} · ${m.data.length} bytes · frame${m.frames.length === 1 ? '' : 's'} ${frames}`;
      return `${head}\n${m.text ?? toHex(m.data)}\n`;
    })
    .join('\n');
}

export type DeflateMode = 'off' | 'on' | 'auto';

export interface ShareState {
  bytes: Uint8Array;
  direction: 'auto' | Direction;
  deflate: DeflateMode;
}

/** Largest input a share link carries (browsers and chat apps cut long URLs). */
export const SHARE_LIMIT = 16 * 1024;

/** Read the options of an older share link (`?hex=…&dir=c2s&deflate=auto`; the hex is read by the caller). */
export function readShareOptions(params: URLSearchParams): Pick<ShareState, 'direction' | 'deflate'> {
  const dir = params.get('dir');
  const deflate = params.get('deflate');
  return {
    direction: dir === 'c2s' ? 'client-to-server' : dir === 's2c' ? 'server-to-client' : 'auto',
    deflate: deflate === 'on' || deflate === 'auto' ? deflate : 'off',
  };
}
