/** Teaching text for the Live view. */

export const READY_STATES = [
  { value: 0, name: 'CONNECTING', meaning: 'The opening handshake is under way.' },
  { value: 1, name: 'OPEN', meaning: 'The handshake succeeded; messages can flow both ways.' },
  {
    value: 2,
    name: 'CLOSING',
    meaning: 'A close frame was sent or received; waiting for the closing handshake to finish.',
  },
  { value: 3, name: 'CLOSED', meaning: 'The connection is closed (or never opened).' },
] as const;

export const LIVE_TEXT = {
  shareNote:
    'The link holds the set-up only (URL, subprotocols, switches and the message draft) and never connects by ' +
    'itself. It leaves out the tap id, any user name or password in the URL, and query parameters named like ' +
    'secrets (token, key, auth, password, session…). The browser, not the page, chooses the extensions it offers.',
  intro:
    'Open a real connection through your browser’s WebSocket API. Connected to Framescope’s own server (the /echo ' +
    'endpoint of the page you are on, or `npm run echo`), the tap shows the exact bytes your browser put on the wire.',
  reconstructed:
    'Reconstructed: the browser hides the real frames. This is the frame the message would be if sent unfragmented ' +
    'and uncompressed; a client frame shows an example masking key, since the real key is never revealed to pages.',
  reconstructedCompressed:
    'permessage-deflate was negotiated, so the real frame was probably compressed (RSV1 = 1) and its bytes differ.',
  tap:
    'Real bytes from the Framescope tap: the server copied every frame exactly as it crossed the wire, masking keys ' +
    'and compressed payloads included.',
  tapUnavailable:
    'No tap: this server is not a Framescope server (or it has no /tap endpoint), so frames are reconstructed.',
  tapId:
    'The server chose this id (128 random bits) and pairs only connections that name it with this tap; no other ' +
    'tap can attach to it while this one watches.',
  watch:
    'Any client can be watched, not only this page: get a tap id, then connect your client (wscat, websocat, a ' +
    'script) to the URL shown. Its handshake and every frame appear below. Or type an id to watch it: the server ' +
    'refuses an id it did not issue, and one that another tap already watches.',
  redacted:
    'The tap hides credentials unless you ask: Cookie, Authorization and Proxy-Authorization values, and ' +
    'subprotocol tokens that look like tokens (JWTs, “bearer.…”, long random strings). Showing them puts them on ' +
    'this screen and in anything you export.',
  dropped:
    'The server keeps only so many bytes for a tap: frames that did not fit were dropped from the tap (never from ' +
    'the connection itself).',
  pings:
    'Pings and pongs are invisible to the page: the browser answers pings by itself. Only the tap can show them.',
  bufferedAmount:
    'bufferedAmount: bytes handed to send() but not yet written to the network. It grows when you send faster than ' +
    'the connection drains.',
  reconnect:
    'Reconnect waits a random time under a ceiling that doubles after each failure (exponential backoff with jitter), ' +
    'so many clients that lost the same server do not return at the same instant.',
} as const;

/** Scripted server behaviours for the Framescope echo server, as query parameters. */
export const SCRIPTS = [
  { query: '', label: 'Plain echo', explanation: 'Every message comes back unchanged.' },
  {
    query: 'ping=2s',
    label: 'Server pings every 2 s',
    explanation: 'Watch the browser answer each ping with a pong on the tap.',
  },
  {
    query: 'fragment=3',
    label: 'Echo in 3 fragments',
    explanation: 'Each echo arrives as 3 frames; the page still sees one message.',
  },
  {
    query: 'close=4000&reason=bye',
    label: 'Server closes with 4000',
    explanation: 'After the first echo the server starts the closing handshake.',
  },
  {
    query: 'bad=rsv1',
    label: 'Server sets RSV1',
    explanation:
      'After the first echo the server breaks the protocol; the browser fails the connection (1006 to the page).',
  },
  {
    query: 'bad=mask',
    label: 'Server masks a frame',
    explanation: 'Servers must not mask; the browser fails the connection.',
  },
  {
    query: 'bad=utf8',
    label: 'Invalid UTF-8 text',
    explanation:
      'A text message that is not UTF-8; the browser fails the connection. RFC 6455 §8.1 names 1007 for this, but Chromium sends 1002: the tap shows its close frame.',
  },
  { query: 'slow=1s', label: 'Slow echo (1 s)', explanation: 'Every echo waits a second.' },
  { query: 'deflate=0', label: 'No compression', explanation: 'The server declines permessage-deflate.' },
  {
    query: 'play=jsonrpc',
    label: 'Plays JSON-RPC 2.0',
    explanation: 'The server greets with a notification and answers requests, batches and errors.',
  },
  {
    query: 'play=socketio',
    label: 'Plays Socket.IO v4',
    explanation: 'Engine.IO open and pings; send CONNECT (40) for events, an ack request and a binary event.',
  },
  {
    query: 'play=mqtt',
    label: 'Plays an MQTT broker',
    protocol: 'mqtt',
    explanation: 'Send CONNECT, then SUBSCRIBE: the server publishes at QoS 0, 1 and 2 (binary messages).',
  },
  {
    query: 'play=graphql',
    label: 'Plays graphql-transport-ws',
    protocol: 'graphql-transport-ws',
    explanation: 'Send connection_init, then subscribe: three next results and complete.',
  },
  {
    query: 'play=stomp',
    label: 'Plays a STOMP 1.2 broker',
    protocol: 'v12.stomp',
    explanation: 'Send CONNECT, then SUBSCRIBE: CONNECTED, RECEIPT, MESSAGE frames.',
  },
] as const;
