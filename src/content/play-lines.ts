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

export const PLAY_LINES: Record<string, readonly PlayLine[]> = {
  jsonrpc: [
    {
      label: 'request: add(2, 3)',
      kind: 'text',
      text: '{"jsonrpc":"2.0","id":1,"method":"add","params":[2,3]}',
    },
    {
      label: 'request: unknown method (error -32601)',
      kind: 'text',
      text: '{"jsonrpc":"2.0","id":2,"method":"divide","params":[1,0]}',
    },
    {
      label: 'batch: two requests and a notification',
      kind: 'text',
      text: '[{"jsonrpc":"2.0","id":3,"method":"echo","params":{"hi":true}},{"jsonrpc":"2.0","id":4,"method":"time"},{"jsonrpc":"2.0","method":"log","params":["no reply"]}]',
    },
    {
      label: 'notification (no reply)',
      kind: 'text',
      text: '{"jsonrpc":"2.0","method":"log","params":["hi"]}',
    },
    { label: 'not JSON (error -32700)', kind: 'text', text: '{"jsonrpc":' },
  ],
  socketio: [
    { label: 'CONNECT to / (40)', kind: 'text', text: '40' },
    { label: 'EVENT chat asking for ACK 1', kind: 'text', text: '421["chat","hello"]' },
    { label: 'ACK 1 for the server’s question', kind: 'text', text: '431["yes"]' },
    { label: 'EVENT without ack (echoed)', kind: 'text', text: '42["note","hi"]' },
    { label: 'Engine.IO pong (3)', kind: 'text', text: '3' },
  ],
  mqtt: [
    {
      label: 'CONNECT (MQTT 3.1.1, client id "a")',
      kind: 'hex',
      text: '10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 61',
    },
    {
      label: 'SUBSCRIBE demo/# at QoS 2 (id 1)',
      kind: 'hex',
      text: '82 0b 00 01 00 06 64 65 6d 6f 2f 23 02',
    },
    { label: 'PUBACK id 2 (the QoS 1 message)', kind: 'hex', text: '40 02 00 02' },
    { label: 'PUBREC id 3 (the QoS 2 message)', kind: 'hex', text: '50 02 00 03' },
    { label: 'PUBCOMP id 3 (after the PUBREL)', kind: 'hex', text: '70 02 00 03' },
    {
      label: 'PUBLISH demo/x "hi" at QoS 1 (id 9)',
      kind: 'hex',
      text: '32 0c 00 06 64 65 6d 6f 2f 78 00 09 68 69',
    },
    { label: 'PINGREQ', kind: 'hex', text: 'c0 00' },
    { label: 'DISCONNECT', kind: 'hex', text: 'e0 00' },
  ],
  graphql: [
    { label: 'connection_init', kind: 'text', text: '{"type":"connection_init"}' },
    {
      label: 'subscribe',
      kind: 'text',
      text: '{"id":"1","type":"subscribe","payload":{"query":"subscription { greeting }"}}',
    },
    { label: 'ping', kind: 'text', text: '{"type":"ping"}' },
    { label: 'complete 1', kind: 'text', text: '{"id":"1","type":"complete"}' },
  ],
  stomp: [
    { label: 'CONNECT', kind: 'text', text: 'CONNECT\naccept-version:1.2\nhost:localhost\n\n\0' },
    {
      label: 'SUBSCRIBE /topic/news with a receipt',
      kind: 'text',
      text: 'SUBSCRIBE\nid:0\ndestination:/topic/news\nreceipt:r1\n\n\0',
    },
    {
      label: 'SEND to /topic/news',
      kind: 'text',
      text: 'SEND\ndestination:/topic/news\ncontent-type:text/plain\n\nhello\0',
    },
    { label: 'DISCONNECT with a receipt', kind: 'text', text: 'DISCONNECT\nreceipt:bye\n\n\0' },
  ],
};

/** The play id in a URL's query (`?play=mqtt`), if it names one of ours. */
export function playOf(url: string): string | null {
  const m = /[?&]play=([a-z]+)/.exec(url);
  return m && m[1]! in PLAY_LINES ? m[1]! : null;
}
