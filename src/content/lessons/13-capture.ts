import { badByteIndex, brokenFrame, clientCloseCode, frameKind, serverCloseReply } from './exercises/capture';
import { exercise } from './define';
import type { LessonBody } from './types';

export const capture: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'A user reports that the fridge dashboard disconnects as soon as it asks for the status. Someone captured the traffic with dumpcap: the client is the `ws` library for Node, the server is a small hand-written one. Every frame below comes from that capture (`tests/fixtures/capture/learn-broken-utf8.pcap`, made by the script beside it), read by Framescope’s capture importer.',
  },
  { kind: 'p', text: 'Start by reading the frames one by one: who sent each, and what kind is it?' },
  exercise(meta, 'kind', frameKind),
  {
    kind: 'p',
    text: 'The client greets the server, the server echoes, the client asks `status?`, the server answers, and the client closes. One of these frames is why.',
  },
  exercise(meta, 'broken', brokenFrame, { fixed: true }),
  exercise(meta, 'byte', badByteIndex, { fixed: true }),
  {
    kind: 'p',
    text: 'The client did what RFC 6455 §7.1.7 asks: it failed the connection and said why in its close frame.',
  },
  exercise(meta, 'code', clientCloseCode, { fixed: true }),
  {
    kind: 'p',
    text: 'There is a second bug, in how the server ended the connection. The `ws` client logged close code 1006 on its side.',
  },
  exercise(meta, 'closing', serverCloseReply, { fixed: true }),
  {
    kind: 'p',
    text: 'The fixes: cut text at a character boundary (or not at all), and answer a close frame with a close frame before closing TCP.',
  },
];
