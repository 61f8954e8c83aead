/**
 * The client's side of each conversation Framescope's echo server plays (`/echo?play=ID`): the server can only send
 * its own frames, so where the protocol waits for the client, these lines are ready to send from Live.
 * MQTT lines are binary (hex, bytes written from MQTT 3.1.1 §3); the others are text.
 */
export interface PlayLine {
  label: string;
  kind: 'text' | 'hex';
  text: string;
}

/** A line sent as a text frame. */
const text = (label: string, line: string): PlayLine => ({ label, kind: 'text', text: line });
/** A line sent as a binary frame, its bytes written in hex. */
const hex = (label: string, bytes: string): PlayLine => ({ label, kind: 'hex', text: bytes });

export const PLAY_LINES: Record<string, readonly PlayLine[]> = {
  jsonrpc: [
    text('request: add(2, 3)', '{"jsonrpc":"2.0","id":1,"method":"add","params":[2,3]}'),
    text(
      'request: unknown method (error -32601)',
      '{"jsonrpc":"2.0","id":2,"method":"divide","params":[1,0]}',
    ),
    text(
      'batch: two requests and a notification',
      '[{"jsonrpc":"2.0","id":3,"method":"echo","params":{"hi":true}},{"jsonrpc":"2.0","id":4,"method":"time"},{"jsonrpc":"2.0","method":"log","params":["no reply"]}]',
    ),
    text('notification (no reply)', '{"jsonrpc":"2.0","method":"log","params":["hi"]}'),
    text('not JSON (error -32700)', '{"jsonrpc":'),
  ],
  socketio: [
    text('CONNECT to / (40)', '40'),
    text('EVENT chat asking for ACK 1', '421["chat","hello"]'),
    text('ACK 1 for the server’s question', '431["yes"]'),
    text('EVENT without ack (echoed)', '42["note","hi"]'),
    text('Engine.IO pong (3)', '3'),
  ],
  mqtt: [
    hex('CONNECT (MQTT 3.1.1, client id "a")', '10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 61'),
    hex('SUBSCRIBE demo/# at QoS 2 (id 1)', '82 0b 00 01 00 06 64 65 6d 6f 2f 23 02'),
    hex('PUBACK id 2 (the QoS 1 message)', '40 02 00 02'),
    hex('PUBREC id 3 (the QoS 2 message)', '50 02 00 03'),
    hex('PUBCOMP id 3 (after the PUBREL)', '70 02 00 03'),
    hex('PUBLISH demo/x "hi" at QoS 1 (id 9)', '32 0c 00 06 64 65 6d 6f 2f 78 00 09 68 69'),
    hex('PINGREQ', 'c0 00'),
    hex('DISCONNECT', 'e0 00'),
  ],
  graphql: [
    text('connection_init', '{"type":"connection_init"}'),
    text('subscribe', '{"id":"1","type":"subscribe","payload":{"query":"subscription { greeting }"}}'),
    text('ping', '{"type":"ping"}'),
    text('complete 1', '{"id":"1","type":"complete"}'),
  ],
  stomp: [
    text('CONNECT', 'CONNECT\naccept-version:1.2\nhost:localhost\n\n\0'),
    text(
      'SUBSCRIBE /topic/news with a receipt',
      'SUBSCRIBE\nid:0\ndestination:/topic/news\nreceipt:r1\n\n\0',
    ),
    text('SEND to /topic/news', 'SEND\ndestination:/topic/news\ncontent-type:text/plain\n\nhello\0'),
    text('DISCONNECT with a receipt', 'DISCONNECT\nreceipt:bye\n\n\0'),
  ],
};

/** The play id in a URL's query (`?play=mqtt`), if it names one of ours. */
export function playOf(url: string): string | null {
  const m = /[?&]play=([a-z]+)/.exec(url);
  return m && m[1]! in PLAY_LINES ? m[1]! : null;
}
