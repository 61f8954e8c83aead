/**
 * The normative wire rules of RFC 6455 §4.1, §4.2, §5.1–§5.8, §7.1–§7.4, §8.1, RFC 7692 §5–§7 and RFC 8441 §3–§5: what an
 * endpoint MUST or MUST NOT put on the wire or do with what arrives. Each lesson's exercises cite the ids they
 * teach; the coverage map and its test are built from those citations (`coverage.ts`).
 */
export interface WireRule {
  id: string;
  /** `RFC 6455 §5.2` */
  section: string;
  /** The rule in one sentence, in the RFC's own terms. */
  text: string;
}

export const RULES = [
  // RFC 6455 §4.1: the client's opening handshake
  {
    id: 'hs-get-11',
    section: 'RFC 6455 §4.1',
    text: 'The handshake is a valid HTTP request: method GET, HTTP version at least 1.1.',
  },
  { id: 'hs-host', section: 'RFC 6455 §4.1', text: 'The request must contain a Host header field.' },
  {
    id: 'hs-upgrade',
    section: 'RFC 6455 §4.1',
    text: 'The request must contain Upgrade with the value "websocket".',
  },
  {
    id: 'hs-connection',
    section: 'RFC 6455 §4.1',
    text: 'The request must contain Connection including the token "Upgrade".',
  },
  {
    id: 'hs-key',
    section: 'RFC 6455 §4.1',
    text: 'Sec-WebSocket-Key must be a random 16-byte value, base64-encoded, fresh for each connection.',
  },
  { id: 'hs-version', section: 'RFC 6455 §4.1', text: 'Sec-WebSocket-Version must be 13.' },
  {
    id: 'hs-client-checks-101',
    section: 'RFC 6455 §4.1',
    text: 'The client must fail the connection unless the response is a 101 with Upgrade: websocket and Connection: Upgrade.',
  },
  {
    id: 'hs-client-checks-accept',
    section: 'RFC 6455 §4.1',
    text: 'The client must fail the connection unless Sec-WebSocket-Accept is the base64 SHA-1 of the key and the GUID.',
  },
  {
    id: 'hs-client-checks-extensions',
    section: 'RFC 6455 §4.1',
    text: 'The client must fail the connection when the response names an extension or subprotocol it did not offer.',
  },
  // RFC 6455 §4.2: the server's side
  {
    id: 'hs-server-400',
    section: 'RFC 6455 §4.2.1',
    text: 'A server that finds a required header missing or invalid must stop and answer with an HTTP error (400 Bad Request).',
  },
  {
    id: 'hs-server-426',
    section: 'RFC 6455 §4.2.2, §4.4',
    text: 'A server that does not speak the requested version answers 426 with the versions it supports in Sec-WebSocket-Version.',
  },
  {
    id: 'hs-server-101',
    section: 'RFC 6455 §4.2.2',
    text: 'To accept, the server answers 101 Switching Protocols with Upgrade, Connection and Sec-WebSocket-Accept.',
  },
  {
    id: 'hs-accept-value',
    section: 'RFC 6455 §4.2.2',
    text: 'Sec-WebSocket-Accept is base64 of the SHA-1 of the key (as sent) followed by 258EAFA5-E914-47DA-95CA-C5AB0DC85B11.',
  },
  // RFC 6455 §5.1–§5.3: framing and masking
  {
    id: 'frame-client-masks',
    section: 'RFC 6455 §5.1',
    text: 'A client must mask every frame it sends to the server.',
  },
  {
    id: 'frame-server-fails-unmasked',
    section: 'RFC 6455 §5.1',
    text: 'A server must close the connection (1002) when it receives an unmasked frame.',
  },
  {
    id: 'frame-server-no-mask',
    section: 'RFC 6455 §5.1',
    text: 'A server must not mask the frames it sends; a client must close the connection on a masked frame.',
  },
  {
    id: 'frame-fin',
    section: 'RFC 6455 §5.2',
    text: 'FIN (bit 0 of byte 0) is 1 on the final fragment of a message.',
  },
  {
    id: 'frame-rsv-zero',
    section: 'RFC 6455 §5.2',
    text: 'RSV1–3 must be 0 unless a negotiated extension defines them; otherwise the receiver must fail the connection.',
  },
  {
    id: 'frame-opcode',
    section: 'RFC 6455 §5.2',
    text: 'The opcode is 4 bits: 0x0 continuation, 0x1 text, 0x2 binary, 0x8 close, 0x9 ping, 0xA pong.',
  },
  {
    id: 'frame-opcode-reserved',
    section: 'RFC 6455 §5.2',
    text: 'On an unknown opcode (0x3–0x7, 0xB–0xF) the receiver must fail the connection.',
  },
  {
    id: 'frame-mask-bit',
    section: 'RFC 6455 §5.2',
    text: 'MASK (bit 0 of byte 1) says whether a masking key follows; it is 1 on every client-to-server frame.',
  },
  {
    id: 'frame-length-7',
    section: 'RFC 6455 §5.2',
    text: 'A payload length 0–125 is written in the 7-bit field.',
  },
  {
    id: 'frame-length-16',
    section: 'RFC 6455 §5.2',
    text: 'For 126–65535 the 7-bit field is 126 and the next 2 bytes hold the length, in network byte order.',
  },
  {
    id: 'frame-length-64',
    section: 'RFC 6455 §5.2',
    text: 'Above 65535 the 7-bit field is 127 and the next 8 bytes hold the length, in network byte order.',
  },
  {
    id: 'frame-length-msb',
    section: 'RFC 6455 §5.2',
    text: 'In the 64-bit form the most significant bit must be 0.',
  },
  {
    id: 'frame-length-minimal',
    section: 'RFC 6455 §5.2',
    text: 'The minimal number of bytes must be used to encode the length.',
  },
  {
    id: 'mask-key-fresh',
    section: 'RFC 6455 §5.3',
    text: 'The masking key is 32 bits, chosen freshly and unpredictably for each frame.',
  },
  {
    id: 'mask-xor',
    section: 'RFC 6455 §5.3',
    text: 'Octet i of the payload is XORed with octet (i mod 4) of the masking key.',
  },
  // RFC 6455 §5.4–§5.6: fragmentation, control frames, data frames
  {
    id: 'frag-first-opcode',
    section: 'RFC 6455 §5.4',
    text: 'A fragmented message is one frame with FIN 0 and an opcode, then continuation frames (opcode 0), the last with FIN 1.',
  },
  {
    id: 'frag-no-interleave',
    section: 'RFC 6455 §5.4',
    text: 'The fragments of one message must not be interleaved with another data message.',
  },
  {
    id: 'frag-control-between',
    section: 'RFC 6455 §5.4',
    text: 'Control frames may be injected in the middle of a fragmented message; the endpoint must handle them there.',
  },
  {
    id: 'frag-order',
    section: 'RFC 6455 §5.4',
    text: 'Fragments are delivered in the order sent; a continuation with no message to continue is a protocol error.',
  },
  {
    id: 'control-125',
    section: 'RFC 6455 §5.5',
    text: 'Control frames must have a payload of 125 bytes or less.',
  },
  {
    id: 'control-no-fragment',
    section: 'RFC 6455 §5.5',
    text: 'Control frames must not be fragmented (FIN must be 1).',
  },
  {
    id: 'close-body',
    section: 'RFC 6455 §5.5.1',
    text: 'A close payload is empty or starts with a 2-byte status code (network byte order) followed by a UTF-8 reason.',
  },
  {
    id: 'close-reply',
    section: 'RFC 6455 §5.5.1',
    text: 'An endpoint that receives a close frame must send a close frame in response (if it has not sent one), usually echoing the status code.',
  },
  {
    id: 'close-no-data-after',
    section: 'RFC 6455 §5.5.1',
    text: 'After sending a close frame, an endpoint must not send any more data frames.',
  },
  {
    id: 'ping-pong',
    section: 'RFC 6455 §5.5.2',
    text: 'An endpoint that receives a ping must send a pong in response, as soon as practical.',
  },
  {
    id: 'pong-echo',
    section: 'RFC 6455 §5.5.3',
    text: "A pong sent in response to a ping must carry the ping's application data unchanged.",
  },
  {
    id: 'text-utf8',
    section: 'RFC 6455 §5.6',
    text: 'The payload of a text message is UTF-8; a fragment may end in the middle of a character.',
  },
  {
    id: 'extension-negotiated',
    section: 'RFC 6455 §5.8',
    text: 'Reserved bits, reserved opcodes and extension data may be used only by an extension negotiated in the handshake.',
  },
  // RFC 6455 §7.1–§7.4: closing
  {
    id: 'close-tcp-server-first',
    section: 'RFC 6455 §7.1.1',
    text: 'After the closing handshake the server should close the TCP connection first; the client waits for it.',
  },
  {
    id: 'close-fail',
    section: 'RFC 6455 §7.1.7',
    text: 'To fail the connection, an endpoint may send a close frame with a suitable code, then closes; it must not process further data.',
  },
  {
    id: 'close-code-1002',
    section: 'RFC 6455 §7.4.1',
    text: '1002 is sent for a protocol error (bad framing, masking, reserved bits or opcodes).',
  },
  {
    id: 'close-code-1007',
    section: 'RFC 6455 §7.4.1',
    text: '1007 is sent for data inconsistent with the message type, such as invalid UTF-8 in a text message.',
  },
  {
    id: 'close-code-1009',
    section: 'RFC 6455 §7.4.1',
    text: '1009 is sent for a message too big to process.',
  },
  {
    id: 'close-code-not-on-wire',
    section: 'RFC 6455 §7.4.1',
    text: '1005, 1006 and 1015 must not be set as a status code in a close frame.',
  },
  {
    id: 'close-code-ranges',
    section: 'RFC 6455 §7.4.2',
    text: '0–999 are unused, 1016–2999 reserved, 3000–3999 registered, 4000–4999 private use.',
  },
  // RFC 6455 §8.1
  {
    id: 'utf8-fail-1007',
    section: 'RFC 6455 §8.1',
    text: 'When a text message (or a close reason) is not valid UTF-8, the endpoint must fail the connection (1007).',
  },
  // RFC 7692 §5–§7: permessage-deflate
  {
    id: 'pmd-offer-params',
    section: 'RFC 7692 §5, §7.1',
    text: 'An offer or response with an unknown parameter, a bad value or a repeated parameter must be declined or failed.',
  },
  {
    id: 'pmd-response-offered',
    section: 'RFC 7692 §7.1',
    text: "The server's response must not contain a parameter the offer did not allow (client_max_window_bits only if offered).",
  },
  {
    id: 'pmd-window-bits',
    section: 'RFC 7692 §7.1.2',
    text: 'Window bits are 8–15; the server may not answer with a server_max_window_bits larger than the client asked.',
  },
  {
    id: 'pmd-context-takeover',
    section: 'RFC 7692 §7.1.1',
    text: 'With no_context_takeover the sender starts each message with an empty sliding window.',
  },
  {
    id: 'pmd-rsv1-first',
    section: 'RFC 7692 §6',
    text: 'RSV1 set on the first frame of a message marks it compressed; continuation frames have RSV1 = 0.',
  },
  {
    id: 'pmd-rsv1-control',
    section: 'RFC 7692 §6.1',
    text: 'Control frames must not be compressed: RSV1 is 0 on them.',
  },
  {
    id: 'pmd-trailer',
    section: 'RFC 7692 §7.2.1',
    text: 'The sender compresses with a sync flush and removes the trailing 00 00 ff ff.',
  },
  {
    id: 'pmd-inflate',
    section: 'RFC 7692 §7.2.2',
    text: 'The receiver appends 00 00 ff ff to the payload and inflates; data that does not inflate fails the connection.',
  },
  // RFC 8441 §3–§5: WebSockets over HTTP/2 (RFC 9220 §3 applies the same to HTTP/3)
  {
    id: 'h2-enable-connect',
    section: 'RFC 8441 §3',
    text: 'A client must not send an extended CONNECT before the server has sent SETTINGS_ENABLE_CONNECT_PROTOCOL (0x8) with the value 1.',
  },
  {
    id: 'h2-extended-connect',
    section: 'RFC 8441 §4',
    text: 'An extended CONNECT carries :method CONNECT and :protocol, and with :protocol also :scheme and :path.',
  },
  {
    id: 'h2-no-key',
    section: 'RFC 8441 §5',
    text: 'Sec-WebSocket-Key and Sec-WebSocket-Accept are not used; HTTP/2 forbids the Upgrade and Connection headers.',
  },
  {
    id: 'h2-status-200',
    section: 'RFC 8441 §5',
    text: 'The server accepts with a 2xx status (200), not 101; the stream then carries WebSocket frames.',
  },
] as const satisfies readonly WireRule[];

export type RuleId = (typeof RULES)[number]['id'];

/** The rule with this id, or undefined. */
export function findRule(id: string): WireRule | undefined {
  return RULES.find((r) => r.id === id);
}
