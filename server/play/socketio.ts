import { randomBytes } from 'node:crypto';
import { decodeText, encodeText, type Play, type PlayContext } from './types.ts';

/** Engine.IO v4 handshake values: a ping every 5 s so a class sees the heartbeat without waiting 25 s. */
export const ENGINE_IO_OPEN = { pingInterval: 5000, pingTimeout: 5000, maxPayload: 1_000_000 } as const;

const sid = () => randomBytes(15).toString('base64url');

/**
 * Socket.IO v4 over Engine.IO v4 (websocket transport only): the Engine.IO `open` packet, `40{"sid"}` for each
 * namespace CONNECT, a `welcome` EVENT, a `question` EVENT that asks for an ack, a BINARY_EVENT with one attachment,
 * ACK for every client event that asks for one, and an Engine.IO `ping` every 5 s.
 * @see https://socket.io/docs/v4/engine-io-protocol/ and https://socket.io/docs/v4/socket-io-protocol/
 */
export const socketioPlay: Play = {
  id: 'socketio',
  subprotocols: [],
  start({ conn, note, every }: PlayContext) {
    const text = (s: string) => conn.send(1, encodeText(s));
    note('Engine.IO open packet (type 0): session id, no upgrades, heartbeat timing.');
    text(`0${JSON.stringify({ sid: sid(), upgrades: [], ...ENGINE_IO_OPEN })}`);
    every(ENGINE_IO_OPEN.pingInterval, () => {
      note('Engine.IO ping (2): the client must answer pong (3) within pingTimeout.');
      text('2');
    });
    let askedAck = 0;
    conn.onMessage = (opcode, data) => {
      if (opcode !== 1) return;
      const packet = decodeText(data);
      if (packet === '3') return;
      if (packet.startsWith('41')) {
        const nsp = namespaceOf(packet.slice(2));
        text(nsp === '/' ? '41' : `41${nsp},`);
        return;
      }
      if (!packet.startsWith('4')) return;
      const body = packet.slice(1);
      if (body.startsWith('0')) {
        const nsp = namespaceOf(body.slice(1));
        const prefix = nsp === '/' ? '' : `${nsp},`;
        note(`Socket.IO CONNECT to ${nsp} accepted with a session id.`);
        text(`40${prefix}${JSON.stringify({ sid: sid() })}`);
        text(`42${prefix}${JSON.stringify(['welcome', { text: 'Hello from the Framescope play server' }])}`);
        askedAck += 1;
        text(`42${prefix}${askedAck}${JSON.stringify(['question', 'Are you there?'])}`);
        note('A BINARY_EVENT: its attachment follows in a binary frame.');
        text(`451-${prefix}${JSON.stringify(['snapshot', { _placeholder: true, num: 0 }])}`);
        conn.send(2, new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
        return;
      }
      if (body.startsWith('2')) answerEvent(body.slice(1));
    };

    /** `42[/nsp,][ackId]["name",…]`: echo it as `echo`, and ACK it when it carries an id. */
    function answerEvent(rest: string): void {
      const m = /^(\/[^,]*,)?(\d*)(\[.*)$/s.exec(rest);
      if (!m) return;
      const prefix = m[1] ?? '';
      let args: unknown;
      try {
        args = JSON.parse(m[3]!);
      } catch {
        return;
      }
      if (!Array.isArray(args) || typeof args[0] !== 'string') return;
      if (m[2]) text(`43${prefix}${m[2]}${JSON.stringify([{ received: args[0], at: Date.now() }])}`);
      else text(`42${prefix}${JSON.stringify(['echo', ...args])}`);
    }
  },
};

/** The namespace of a CONNECT/DISCONNECT body: `/chat,{…}` → `/chat`; none → `/`. */
function namespaceOf(body: string): string {
  if (!body.startsWith('/')) return '/';
  const comma = body.indexOf(',');
  return comma < 0 ? body : body.slice(0, comma);
}
