/**
 * Adversarial text for the parser benchmark (`bench/parsers.ts`) and the linear-time tests: each generator repeats
 * one pattern up to `size` characters, the shapes that made regexes or rescans quadratic.
 */
export interface Adversary {
  name: string;
  make(size: number): string;
}

const fill = (unit: string, size: number, tail = ''): string =>
  unit.repeat(Math.max(1, Math.floor((size - tail.length) / unit.length))) + tail;

/** Text patterns: every `parseHex` path (plain, Python literal, array literal, dump) sees them. */
export const TEXT_ADVERSARIES: Adversary[] = [
  { name: 'spaces', make: (n) => fill(' ', n, 'x') },
  { name: 'newlines', make: (n) => fill('\n', n, 'x') },
  { name: 'tabs', make: (n) => fill('\t', n, 'x') },
  { name: 'NBSP', make: (n) => fill('\u00a0', n, 'x') },
  { name: '0x', make: (n) => fill('0x', n) },
  { name: '\\x', make: (n) => fill('\\x', n) },
  { name: '{{{…}=', make: (n) => fill('{', n, '}=') },
  { name: '[[[…]', make: (n) => fill('[', n, ']') },
  { name: 'quotes', make: (n) => fill('"\'', n) },
  { name: "b'…", make: (n) => "b'" + fill('\\x41', n - 2) },
  { name: 'comment openers /*', make: (n) => fill('/*', n) },
  { name: 'comment openers //', make: (n) => fill('//\n', n) },
  { name: 'hex pairs', make: (n) => fill('81 ', n) },
  { name: 'one long od row', make: (n) => '0000000 ' + fill('41 ', n - 12, 'zz') },
  { name: 'dump rows', make: (n) => fill('0000  81 05 48 65 6c 6c 6f   ..Hello\n', n) },
  { name: '(1 bytes): lines', make: (n) => fill('Frame (1 bytes):   ', n, 'x') },
  { name: '<Buffer pairs', make: (n) => '<Buffer' + fill(' 81', n - 8) + '>' },
  { name: '<Buffer ... ...', make: (n) => '<Buffer' + fill(' ...', n - 7) },
  { name: 'Base64', make: (n) => fill('gQVI', n) },
  { name: 'Base64, then !', make: (n) => fill('gQVI', n - 1, '!') },
];

/** A HAR with `n`-sized message data: the JSON readers see long strings, many messages, deep whitespace. */
const harOf = (messages: string): string =>
  `{"log":{"entries":[{"startedDateTime":"2026-12-06T00:00:00Z","request":{"url":"ws://127.0.0.1/"},"response":{"status":101,"headers":[]},"_webSocketMessages":[${messages}]}]}}`;

const message = (data: string, i: number): string =>
  `{"type":"${i % 2 ? 'send' : 'receive'}","time":${1765000000 + i / 1000},"opcode":1,"data":${JSON.stringify(data)}}`;

/** JSON captures: HAR and Framescope session files, as `importCapture` reads them. */
export const JSON_ADVERSARIES: Adversary[] = [
  {
    name: 'HAR, many small messages',
    make: (n) => {
      const one = message('hello', 0).length + 1;
      return harOf(
        Array.from({ length: Math.max(1, Math.floor(n / one)) }, (_, i) => message('hello', i)).join(','),
      );
    },
  },
  { name: 'HAR, one long message', make: (n) => harOf(message('x'.repeat(n), 0)) },
  { name: 'HAR, whitespace', make: (n) => harOf(message('a', 0) + ' '.repeat(n)) },
  {
    name: 'session, many frames',
    make: (n) => {
      const frame = (i: number) =>
        `{"direction":"server-to-client","time":${i},"hex":"81 05 48 65 6c 6c 6f"}`;
      const count = Math.max(1, Math.floor(n / (frame(0).length + 1)));
      const frames = Array.from({ length: count }, (_, i) => frame(i)).join(',');
      return `{"framescope":"session","version":1,"connections":[{"label":"a","frames":[${frames}]}]}`;
    },
  },
  {
    name: 'session, one frame of spaces',
    make: (n) =>
      `{"framescope":"session","version":1,"connections":[{"frames":[{"hex":"${' '.repeat(n)}"}]}]}`,
  },
];
