/**
 * Teaching text of the Replay view: what each capture format holds, how to read the timeline, and the bundled
 * samples (real captures made by the scripts in tests/fixtures/capture).
 */

export const REPLAY_INTRO =
  'Open a capture of WebSocket traffic and play it back frame by frame: who sent what, when, and exactly which bytes went over the wire.';

export interface FormatNote {
  term: string;
  text: string;
}

export const REPLAY_FORMATS: FormatNote[] = [
  {
    term: 'pcap and pcapng',
    text: 'Packet captures from tcpdump, tshark or Wireshark. The TCP streams are put back together, the HTTP upgrade is found on any port, and every frame is shown exactly as it was sent, masking key included. Compressed connections are inflated with the parameters negotiated in the handshake.',
  },
  {
    term: 'WebSockets over HTTP/2',
    text: 'Cleartext HTTP/2 (h2c, with prior knowledge or after Upgrade: h2c) is taken apart into its streams: every extended CONNECT stream with :protocol websocket (RFC 8441) becomes a connection of its own, its DATA frames read as WebSocket bytes. Other streams are listed in a note. HTTP/2 over TLS (what browsers use) is encrypted and cannot be decoded.',
  },
  {
    term: 'HAR',
    text: 'Exported from the browser’s developer tools (Network tab → Save all as HAR). A HAR keeps messages, not frames: Framescope shows the frames they would most simply have been, marked as reconstructed. Masking keys and fragmentation are not recorded.',
  },
  {
    term: 'Hex dumps',
    text: 'The output of tshark -x or Wireshark’s “Copy as hex dump”, or plain hex of WebSocket bytes with > and < (or C: and S:) marking who sent each line.',
  },
  {
    term: 'Framescope session',
    text: 'A JSON file exported from a Framescope view: the frames as hex with their direction and time.',
  },
];

export const REPLAY_KEYS: FormatNote[] = [
  { term: 'Space or K', text: 'play or pause' },
  { term: '→ or L', text: 'next frame' },
  { term: '← or J', text: 'previous frame' },
  { term: 'Home / End', text: 'first / last frame' },
  { term: '+ / −', text: 'faster / slower' },
];

/** Why a connection shows nothing, or shows frames that were not captured as such. */
export const REPLAY_NOTES = {
  tls: 'This connection is encrypted (wss:// over TLS). A packet capture only holds the encrypted bytes, so its WebSocket frames cannot be shown. Capture before encryption (a HAR from the browser, or a server-side tap) to see them.',
  reconstructed:
    'Reconstructed frames: this file holds messages, not frames. Each message is shown as one unfragmented frame; client frames carry the placeholder masking key 00 00 00 00 because the real keys were not recorded.',
  gap: 'Part of this connection was never captured (a gap in the TCP stream). Nothing is decoded across a gap. After it, frames are marked unconfirmed until a frame boundary is confirmed: a TCP segment that starts with a frame whose frames fill it exactly (or whose one long frame ends where a later segment ends).',
  unconfirmed:
    'Unconfirmed: this frame was decoded after a gap, from a boundary that could not be confirmed. It may be bytes from the middle of a larger payload that happen to look like a frame header; its message may never have been sent.',
  unconfirmedMessages: (n: number, total: number) =>
    `${n} of these ${total} messages are unconfirmed (decoded after a gap): protocol units read from them may be payload bytes that only look like messages.`,
  evenByDefault: (duration: string) =>
    `This capture lasts only ${duration}, so it plays evenly spaced (one frame every half second at 1×). Choose “real time” under Spacing for the real gaps.`,
  http2:
    'This WebSocket ran over one stream of an HTTP/2 connection (RFC 8441): its handshake was an extended CONNECT request answered by :status 200 in HEADERS frames, with no Sec-WebSocket-Key or Accept, and its frames travelled inside DATA frames of that stream. Other streams of the same TCP connection carry other WebSockets or ordinary requests.',
  spacing:
    'Real time places each frame at the moment it was captured; evenly spaced gives every frame the same share of the timeline, which helps when long pauses separate bursts.',
} as const;

export interface ReplaySample {
  /** File name under tests/fixtures/capture. */
  file: string;
  label: string;
  about: string;
}

export const REPLAY_SAMPLES: ReplaySample[] = [
  {
    file: 'chromium-ws-plain.pcap',
    label: 'Chromium ↔ ws (pcap)',
    about:
      'Chromium’s WebSocket API talking to a Node ws server on loopback, captured with tcpdump: text, binary, a fragmented message, ping and pong, close.',
  },
  {
    file: 'chromium-ws-deflate.pcapng',
    label: 'Chromium ↔ ws, compressed (pcapng)',
    about:
      'The same conversation with permessage-deflate, captured with dumpcap as pcapng. Repeated messages shrink thanks to context takeover.',
  },
  {
    file: 'python-websockets-deflate-ns.pcap',
    label: 'python-websockets, compressed (ns pcap)',
    about: 'A python3-websockets client and server with 12-bit windows, captured with nanosecond timestamps.',
  },
  {
    file: 'chromium-devtools.har',
    label: 'Chromium DevTools (HAR)',
    about: 'A HAR in Chrome’s format: messages only, shown as reconstructed frames.',
  },
  {
    file: 'python-websockets-plain-sll2.tshark-x.txt',
    label: 'tshark -x hex dump',
    about: 'The text tshark -x prints for a capture, read back packet by packet.',
  },
  {
    file: 'h2c/node-http2-websockets.pcapng',
    label: 'HTTP/2: two WebSockets (h2c)',
    about:
      'Node’s node:http2 client and server: two extended CONNECT streams (RFC 8441) and an ordinary GET on one cleartext HTTP/2 connection, captured with dumpcap. Each WebSocket stream is shown as a connection of its own.',
  },
  {
    file: 'socketio.pcapng',
    label: 'Socket.IO (socket.io ↔ socket.io-client)',
    about:
      'Events, acks, binary attachments, a namespace and a refused one, from the real libraries on loopback; see Inside the frames.',
  },
  {
    file: 'mqtt5-mosquitto.pcapng',
    label: 'MQTT 5 (mqtt.js ↔ mosquitto)',
    about:
      'QoS 0, 1 and 2 flows, properties and reason codes; mqtt.js writes each packet in many WebSocket messages.',
  },
];
