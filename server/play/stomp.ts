import { decodeText, encodeText, type Play, type PlayContext } from './types.ts';

interface Frame {
  command: string;
  headers: Map<string, string>;
  body: string;
}

/** Header value escapes of STOMP 1.2 (`\\`, `\n`, `\c`, `\r`); CONNECT and CONNECTED frames do not escape. */
const unescape = (v: string) =>
  v.replace(/\\([\\ncr])/g, (_, c: string) => ({ '\\': '\\', n: '\n', c: ':', r: '\r' })[c]!);

/** Frames in one WebSocket message: command, headers (the first of a repeated name wins), body up to NUL. */
export function parseFrames(text: string): Frame[] {
  const frames: Frame[] = [];
  for (const raw of text.split('\0')) {
    const chunk = raw.replace(/^(\r?\n)+/, '');
    if (chunk === '') continue;
    const blank = /\r?\n\r?\n/.exec(chunk);
    const head = blank ? chunk.slice(0, blank.index) : chunk;
    const body = blank ? chunk.slice(blank.index + blank[0].length) : '';
    const [command = '', ...lines] = head.split(/\r?\n/);
    const escaped = command !== 'CONNECT' && command !== 'STOMP';
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = escaped ? unescape(line.slice(0, colon)) : line.slice(0, colon);
      if (!headers.has(name))
        headers.set(name, escaped ? unescape(line.slice(colon + 1)) : line.slice(colon + 1));
    }
    frames.push({ command, headers, body });
  }
  return frames;
}

/** A frame to send; header values here never hold characters that need escaping. */
export const frame = (command: string, headers: Record<string, string>, body = ''): string =>
  `${command}\n${Object.entries(headers)
    .map(([k, v]) => `${k}:${v}\n`)
    .join('')}\n${body}\0`;

/**
 * STOMP 1.2 over WebSocket (subprotocol `v12.stomp`): CONNECTED for CONNECT/STOMP (no heart-beats), two MESSAGE
 * frames for each SUBSCRIBE, a SEND delivered back to a matching subscription, RECEIPT for any frame with a
 * `receipt` header, ERROR for an unknown command, and DISCONNECT's RECEIPT before the close.
 * @see https://stomp.github.io/stomp-specification-1.2.html
 */
export const stompPlay: Play = {
  id: 'stomp',
  subprotocols: ['v12.stomp', 'v11.stomp', 'v10.stomp'],
  start({ conn, note }: PlayContext) {
    const subscriptions = new Map<string, string>();
    let messageId = 0;
    const send = (text: string) => conn.send(1, encodeText(text));
    const deliver = (subscription: string, destination: string, body: string) =>
      send(
        frame(
          'MESSAGE',
          {
            subscription,
            'message-id': String(++messageId),
            destination,
            'content-type': 'text/plain',
          },
          body,
        ),
      );

    const handle = (f: Frame) => {
      const receipt = f.headers.get('receipt');
      switch (f.command) {
        case 'CONNECT':
        case 'STOMP':
          note('CONNECT accepted: CONNECTED, version 1.2, no heart-beats.');
          send(frame('CONNECTED', { version: '1.2', 'heart-beat': '0,0', server: 'framescope-play/1' }));
          return;
        case 'SUBSCRIBE': {
          const id = f.headers.get('id') ?? '';
          const destination = f.headers.get('destination') ?? '';
          subscriptions.set(id, destination);
          if (receipt !== undefined) send(frame('RECEIPT', { 'receipt-id': receipt }));
          note(`SUBSCRIBE ${id} to ${destination}: two MESSAGE frames follow.`);
          deliver(id, destination, 'Hello from the Framescope play server');
          deliver(id, destination, 'A second message');
          return;
        }
        case 'UNSUBSCRIBE':
          subscriptions.delete(f.headers.get('id') ?? '');
          break;
        case 'SEND': {
          const destination = f.headers.get('destination') ?? '';
          for (const [id, d] of subscriptions) if (d === destination) deliver(id, destination, f.body);
          break;
        }
        case 'ACK':
        case 'NACK':
        case 'BEGIN':
        case 'COMMIT':
        case 'ABORT':
          break;
        case 'DISCONNECT':
          if (receipt !== undefined) send(frame('RECEIPT', { 'receipt-id': receipt }));
          conn.close(1000);
          return;
        default:
          send(frame('ERROR', { message: 'unknown command', 'content-type': 'text/plain' }, f.command));
          conn.close(1000);
          return;
      }
      if (receipt !== undefined) send(frame('RECEIPT', { 'receipt-id': receipt }));
    };

    conn.onMessage = (_opcode, data) => {
      for (const f of parseFrames(decodeText(data))) handle(f);
    };
  },
};
