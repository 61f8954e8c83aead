/** Teaching text for WebSockets over HTTP/3 (RFC 9220) in the Handshake view, as data. */
import { REQUEST_FIELDS, RESPONSE_FIELDS, type HandshakeVersion } from './http2-handshake';

export const HTTP3_WALKTHROUGH: HandshakeVersion = {
  id: 'http3',
  tab: 'HTTP/3',
  heading: 'WebSockets over HTTP/3 (RFC 9220)',
  intro:
    'RFC 9220 carries the same extended CONNECT over HTTP/3. What changes is below HTTP: QUIC over UDP instead of TCP, streams provided by QUIC, QPACK instead of HPACK. What stays: the request, the 200, and every WebSocket byte.',
  steps: [
    {
      id: 'h3-quic',
      title: 'A QUIC connection, TLS 1.3 inside',
      from: 'both',
      frame: 'QUIC handshake (UDP)',
      stream: '—',
      fields: [{ name: 'ALPN', value: 'h3' }],
      text: 'QUIC runs over UDP and always includes TLS 1.3: there is no cleartext HTTP/3, so a capture shows nothing without the TLS keys. QUIC itself provides streams, each independently ordered: a lost packet delays only its own stream.',
      rfc: 'RFC 9114 §3',
    },
    {
      id: 'h3-settings',
      title: 'SETTINGS on the control streams',
      from: 'server',
      frame: 'SETTINGS',
      stream: 'the server’s control stream (unidirectional)',
      fields: [
        {
          name: 'SETTINGS_ENABLE_CONNECT_PROTOCOL (0x08)',
          value: '1',
          note: 'the same setting as in HTTP/2, registered for HTTP/3 with the same number',
        },
      ],
      text: 'Each side opens a unidirectional control stream and sends SETTINGS first. As over HTTP/2, the client waits for SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 before it sends an extended CONNECT.',
      rfc: 'RFC 9220 §3',
    },
    {
      id: 'h3-request',
      title: 'Extended CONNECT on a request stream',
      from: 'client',
      frame: 'HEADERS',
      stream: 'a client-initiated bidirectional QUIC stream (id 0, 4, 8 …)',
      fields: REQUEST_FIELDS('https'),
      text: 'The same pseudo-headers and header fields as over HTTP/2, compressed with QPACK. The request stream stays open: it becomes the WebSocket.',
      rfc: 'RFC 9220 §3, RFC 8441 §4',
    },
    {
      id: 'h3-response',
      title: 'The server answers 200',
      from: 'server',
      frame: 'HEADERS',
      stream: 'the same request stream',
      fields: RESPONSE_FIELDS,
      text: 'As over HTTP/2: a 2xx status, no 101, and no Sec-WebSocket-Accept.',
      rfc: 'RFC 9220 §3',
    },
    {
      id: 'h3-data',
      title: 'WebSocket frames in HTTP/3 DATA frames',
      from: 'both',
      frame: 'DATA (type 0x00)',
      stream: 'the same request stream',
      fields: [
        { name: 'HTTP/3 frame header', value: 'type 0x00, length', note: 'two variable-length integers' },
        {
          name: 'payload',
          value: 'RFC 6455 frames, unchanged',
          note: 'masking and permessage-deflate included',
        },
      ],
      text: 'Nothing inside the WebSocket changes: the frames Framescope decodes elsewhere are the bytes of these DATA payloads.',
      rfc: 'RFC 9220 §3',
    },
    {
      id: 'h3-close',
      title: 'Closing: FIN, or a stream reset',
      from: 'both',
      frame: 'QUIC stream FIN, or RESET_STREAM',
      stream: 'the same request stream',
      fields: [
        { name: 'FIN', value: 'end of the stream', note: 'an orderly close, after the close frames' },
        {
          name: 'H3_REQUEST_CANCELLED',
          value: '0x010c',
          note: 'the stream error that stands for a TCP reset',
        },
      ],
      text: 'An orderly close ends the QUIC stream with FIN; an abrupt one resets it with the error H3_REQUEST_CANCELLED. The QUIC connection and its other streams continue.',
      rfc: 'RFC 9220 §3',
    },
  ],
};
