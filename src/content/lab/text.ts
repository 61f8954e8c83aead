/** Teaching text for the Lab view. */

export const LAB_TEXT = {
  intro:
    'What does a real browser do when a server breaks the rules? Framescope’s own server plays each case below on a ' +
    'connection of its own: a reserved bit, a masked frame, invalid UTF-8, a bad close code, a 16 MiB message, a TCP ' +
    'reset… The Lab records both sides: what the page saw through the WebSocket API, and what the browser put on the ' +
    'wire in answer (its close frame, copied by the server’s tap). Each answer stands beside what RFC 6455 asks; ' +
    'differences are marked.',
  columns:
    'The RFC column says what the client should do. The committed column was recorded by Framescope’s test run in ' +
    'Debian’s Chromium; run the Lab in your browser (Firefox, Safari, another Chromium) to fill the last column, ' +
    'export it as JSON, or import someone else’s results to compare.',
  page:
    'Page: what onmessage, onerror and onclose reported. When a browser fails a connection, the WHATWG ' +
    'standard has the page see close code 1006 and wasClean false, whatever code went on the wire.',
  wire: 'Wire: the close frame (or pong) the browser sent in answer, as the server received it.',
  noServer:
    'The Lab needs Framescope’s server, which this page’s host does not run (a static copy such as GitHub Pages ' +
    'cannot). Run it yourself (npm run dev, npm run preview, or npm run echo) and point the Server field at it. ' +
    'Meanwhile the committed Chromium table is shown, without a column for this browser (not run here: no server); ' +
    'an imported results file still fills it.',
} as const;
