/**
 * Builder presets: every worked frame example of the seed document (SEED-websocket-protocol.md, §4–§7) and of
 * RFC 6455 §5.7, and templates for application protocols' common messages, with the exact bytes each must produce
 * (the unit tests check them all; the templates' bytes come from the ws library's Sender).
 */
export interface PresetFrame {
  /** Default true. */
  fin?: boolean;
  opcode: number;
  /** Masking key as 8 hex digits; absent for an unmasked frame. */
  key?: string;
  /** Exactly one payload source. */
  text?: string;
  /** Binary payload as hex digits, e.g. an MQTT packet. */
  payloadHex?: string;
  close?: { code: number; reason: string };
  /** Length of a generated payload (bytes 00 01 02 … ff 00 01 …). */
  fill?: number;
  /** Compress the message (RFC 7692): the first frame of a text or binary message. */
  compress?: true;
  /** A continuation carrying the next bytes of the compressed message (instead of a payload source). */
  deflated?: true;
  /** How many compressed bytes this frame carries (default: all that are left). */
  cut?: number;
}

export interface BuilderPreset {
  id: string;
  title: string;
  /** Where the example comes from. */
  source: string;
  /** What to notice, in one or two sentences. */
  note: string;
  /** Who sends the frames. */
  role: 'client' | 'server';
  /** permessage-deflate negotiated (default false). */
  deflate?: true;
  frames: PresetFrame[];
  /** Bytes of the whole sequence in lowercase hex without spaces, or its start when `prefixOnly`. */
  hex: string;
  prefixOnly?: boolean;
}

export const BUILDER_PRESETS: readonly BuilderPreset[] = [
  {
    id: 'seed-unmasked-text',
    title: 'Unmasked text "Hello" (server → client)',
    source: 'Seed §4, Example 1',
    note: 'FIN = 1 and opcode 0x1 make the first byte 0x81; MASK = 0 and length 5 make the second 0x05.',
    role: 'server',
    frames: [{ opcode: 0x1, text: 'Hello' }],
    hex: '810548656c6c6f',
  },
  {
    id: 'seed-masked-text',
    title: 'Masked text "Hello", key 12 34 56 78 (client → server)',
    source: 'Seed §4, Example 2',
    note: 'MASK = 1 adds 0x80 to the second byte and four key bytes; each payload byte is XORed with key byte i mod 4.',
    role: 'client',
    frames: [{ opcode: 0x1, key: '12345678', text: 'Hello' }],
    hex: '818512345678' + '5a513a147d',
  },
  {
    id: 'seed-ping-empty',
    title: 'Empty ping (server → client)',
    source: 'Seed §4, Example 3',
    note: 'A control frame may have no payload at all: two bytes in total.',
    role: 'server',
    frames: [{ opcode: 0x9 }],
    hex: '8900',
  },
  {
    id: 'seed-length-7',
    title: '100-byte payload: 7-bit length',
    source: 'Seed §4, Payload length case 1',
    note: 'Lengths 0–125 fit in the 7-bit field: 100 = 0x64 = 1100100.',
    role: 'server',
    frames: [{ opcode: 0x2, fill: 100 }],
    hex: '8264000102',
    prefixOnly: true,
  },
  {
    id: 'seed-length-16',
    title: '1,000-byte payload: 16-bit length',
    source: 'Seed §4, Payload length case 2',
    note: 'The seed writes the second byte as 0xFE: 126 in the low 7 bits, and MASK = 1 in the top bit, so this frame is masked (key 12 34 56 78 here). 1,000 = 0x03E8 follows in two bytes.',
    role: 'client',
    frames: [{ opcode: 0x2, key: '12345678', fill: 1000 }],
    hex: '82fe03e812345678',
    prefixOnly: true,
  },
  {
    id: 'seed-length-64',
    title: '100,000-byte payload: 64-bit length',
    source: 'Seed §4, Payload length case 3',
    note: 'The seed writes 0xFF: 127 in the low 7 bits and MASK = 1. 100,000 = 0x186A0 follows in eight bytes.',
    role: 'client',
    frames: [{ opcode: 0x2, key: '12345678', fill: 100_000 }],
    hex: '82ff00000000000186a012345678',
    prefixOnly: true,
  },
  {
    id: 'seed-fragmented',
    title: '"Hello World" in three fragments',
    source: 'Seed §6',
    note: 'Only the first fragment names the type (text); the others are continuations, and only the last has FIN = 1.',
    role: 'server',
    frames: [
      { fin: false, opcode: 0x1, text: 'Hello' },
      { fin: false, opcode: 0x0, text: ' Wor' },
      { opcode: 0x0, text: 'ld' },
    ],
    hex: '010548656c6c6f' + '000420576f72' + '80026c64',
  },
  {
    id: 'seed-close',
    title: 'Close 1000 "Goodbye"',
    source: 'Seed §7',
    note: 'The close payload starts with the status code in two bytes (1000 = 0x03E8), then a UTF-8 reason.',
    role: 'server',
    frames: [{ opcode: 0x8, close: { code: 1000, reason: 'Goodbye' } }],
    hex: '880903e8476f6f64627965',
  },
  {
    id: 'seed-ping',
    title: 'Ping "ping"',
    source: 'Seed §7',
    note: 'Opcode 0x9; the payload is arbitrary and the pong must echo it.',
    role: 'server',
    frames: [{ opcode: 0x9, text: 'ping' }],
    hex: '890470696e67',
  },
  {
    id: 'seed-pong',
    title: 'Pong "ping"',
    source: 'Seed §7',
    note: 'Opcode 0xA, echoing the ping’s payload.',
    role: 'server',
    frames: [{ opcode: 0xa, text: 'ping' }],
    hex: '8a0470696e67',
  },
  {
    id: 'rfc-unmasked-text',
    title: 'Single-frame unmasked text message',
    source: 'RFC 6455 §5.7',
    note: 'The same "Hello" as the seed’s first example.',
    role: 'server',
    frames: [{ opcode: 0x1, text: 'Hello' }],
    hex: '810548656c6c6f',
  },
  {
    id: 'rfc-masked-text',
    title: 'Single-frame masked text message, key 37 fa 21 3d',
    source: 'RFC 6455 §5.7',
    note: 'Same payload, another key: the masked bytes look nothing like "Hello".',
    role: 'client',
    frames: [{ opcode: 0x1, key: '37fa213d', text: 'Hello' }],
    hex: '818537fa213d7f9f4d5158',
  },
  {
    id: 'rfc-fragmented',
    title: 'Fragmented unmasked text message "Hel" + "lo"',
    source: 'RFC 6455 §5.7',
    note: 'First frame: FIN = 0, opcode text. Second: FIN = 1, opcode continuation.',
    role: 'server',
    frames: [
      { fin: false, opcode: 0x1, text: 'Hel' },
      { opcode: 0x0, text: 'lo' },
    ],
    hex: '010348656c' + '80026c6f',
  },
  {
    id: 'rfc-ping',
    title: 'Unmasked ping request "Hello"',
    source: 'RFC 6455 §5.7',
    note: 'Sent by the server, so unmasked.',
    role: 'server',
    frames: [{ opcode: 0x9, text: 'Hello' }],
    hex: '890548656c6c6f',
  },
  {
    id: 'rfc-pong',
    title: 'Masked pong response "Hello"',
    source: 'RFC 6455 §5.7',
    note: 'Sent by the client, so masked; the body matches the ping’s.',
    role: 'client',
    frames: [{ opcode: 0xa, key: '37fa213d', text: 'Hello' }],
    hex: '8a8537fa213d7f9f4d5158',
  },
  {
    id: 'rfc-256-binary',
    title: '256-byte binary message, unmasked',
    source: 'RFC 6455 §5.7',
    note: '256 does not fit in 7 bits: the length field says 126 and the next two bytes hold 0x0100.',
    role: 'server',
    frames: [{ opcode: 0x2, fill: 256 }],
    hex: '827e0100',
    prefixOnly: true,
  },
  {
    id: 'rfc-64k-binary',
    title: '64 KiB binary message, unmasked',
    source: 'RFC 6455 §5.7',
    note: '65,536 does not fit in 16 bits: the length field says 127 and the next eight bytes hold 0x10000.',
    role: 'server',
    frames: [{ opcode: 0x2, fill: 65_536 }],
    hex: '827f0000000000010000',
    prefixOnly: true,
  },
  {
    id: 'rfc7692-fragmented',
    title: 'Compressed "Hello" in two fragments (permessage-deflate)',
    source: 'RFC 7692 §7.2.3.1',
    note: '"Hello" is deflated once to f2 48 cd c9 c9 07 00, then those 7 bytes are split: 3 in the first frame (text, RSV1 = 1), 4 in a continuation (RSV1 = 0). Only the first frame says the message is compressed.',
    role: 'server',
    deflate: true,
    frames: [
      { fin: false, opcode: 0x1, text: 'Hello', compress: true, cut: 3 },
      { opcode: 0x0, deflated: true },
    ],
    hex: '4103f248cd' + '8004c9c90700',
  },
  {
    id: 'template-socketio-event',
    title: 'Socket.IO v4 EVENT "chat" asking for ack 1 (client → server)',
    source: 'Protocol template: Socket.IO v4',
    note: '4 = Engine.IO message, 2 = Socket.IO EVENT, 1 = the ack id, then the JSON array [event name, arguments…].',
    role: 'client',
    frames: [{ opcode: 0x1, key: '37fa213d', text: '421["chat","hello"]' }],
    hex: '819337fa213d03c810661599495c43d80d1f5f9f4d5158d87c',
  },
  {
    id: 'template-graphql-subscribe',
    title: 'graphql-transport-ws subscribe (client → server)',
    source: 'Protocol template: graphql-transport-ws',
    note: 'A subscribe names its operation id; the server answers with next messages carrying the same id, then complete.',
    role: 'client',
    frames: [
      {
        opcode: 0x1,
        key: '37fa213d',
        text: '{"id":"1","type":"subscribe","payload":{"query":"subscription { greeting }"}}',
      },
    ],
    hex:
      '81cd37fa213d4cd8485915c0030c15d603494e8a441f0dd852485589424f5e98441f1bd8515c4e964e5c53d81b46158b5458458303071589' +
      '545f44995354478e485259da5a1d5088445843934f5a178703404a',
  },
  {
    id: 'template-stomp-send',
    title: 'STOMP 1.2 SEND to /topic/news (client → server)',
    source: 'Protocol template: STOMP 1.2',
    note: 'Command line, header lines, a blank line, the body, and a NUL byte (00) that ends the frame.',
    role: 'client',
    frames: [
      {
        opcode: 0x1,
        key: '37fa213d',
        text: 'SEND\ndestination:/topic/news\ncontent-type:text/plain\n\nhello\0',
      },
    ],
    hex:
      '81bc37fa213d64bf6f793d9e444e43934f5c43934e530dd5555247934212599f564e3d994e53439f4f491a8e584d52c055584f8e0e4d5b9b' +
      '48533df049585b964e3d',
  },
  {
    id: 'template-jsonrpc-request',
    title: 'JSON-RPC 2.0 request add(2, 3), id 1 (client → server)',
    source: 'Protocol template: JSON-RPC 2.0',
    note: 'An id makes it a request that expects a response with the same id; without one it would be a notification.',
    role: 'client',
    frames: [
      { opcode: 0x1, key: '37fa213d', text: '{"jsonrpc":"2.0","id":1,"method":"add","params":[2,3]}' },
    ],
    hex: '81b637fa213d4cd84b4e5894534d54d81b1f05d4111f1bd8485915c01011159744495f95451f0dd8405953d80d1f479b535c5a8903076cc80d0e6a87',
  },
  {
    id: 'template-mqtt-connect',
    title: 'MQTT 3.1.1 CONNECT, client id "framescope" (client → server)',
    source: 'Protocol template: MQTT 3.1.1',
    note: 'A binary frame (subprotocol mqtt): 10 = CONNECT, 16 = 22 bytes remain, protocol name "MQTT", level 4, flags 02 (clean session), keep alive 60 s, then the client id with its 2-byte length.',
    role: 'client',
    frames: [
      { opcode: 0x2, key: '37fa213d', payloadHex: '101600044d5154540402003c000a6672616d6573636f7065' },
    ],
    hex: '829837fa213d27ec21397aab756933f8210137f0474f5697444e54955158',
  },
  {
    id: 'template-mqtt-publish',
    title: 'MQTT 3.1.1 PUBLISH "hello" to a/b, QoS 0 (client → server)',
    source: 'Protocol template: MQTT 3.1.1',
    note: '30 = PUBLISH with QoS 0 (no packet id), 0a = 10 bytes remain, the topic "a/b" with its 2-byte length, then the payload "hello" up to the end.',
    role: 'client',
    frames: [{ opcode: 0x2, key: '37fa213d', payloadHex: '300a0003612f6268656c6c6f' }],
    hex: '828c37fa213d07f0213e56d5435552964d52',
  },
];
