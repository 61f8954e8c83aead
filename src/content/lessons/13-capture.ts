import { badByteIndex, brokenFrame, clientCloseCode, frameKind, serverCloseReply } from './exercises/capture';
import type { Lesson } from './types';

export const capture: Lesson = {
  id: 'capture',
  number: 13,
  title: 'Debugging a real capture',
  minutes: 8,
  sections: ['RFC 6455 §5.5.1', 'RFC 6455 §7.1.7', 'RFC 6455 §8.1'],
  summary:
    'A real capture of a connection that went wrong: find the broken frame, the byte, the code and the second bug.',
  blocks: [
    {
      kind: 'p',
      text: 'A user reports that the fridge dashboard disconnects as soon as it asks for the status. Someone captured the traffic with dumpcap: the client is the `ws` library for Node, the server is a small hand-written one. Every frame below comes from that capture (`tests/fixtures/capture/learn-broken-utf8.pcap`, made by the script beside it), read by Framescope’s capture importer.',
    },
    { kind: 'p', text: 'Start by reading the frames one by one: who sent each, and what kind is it?' },
    {
      kind: 'exercise',
      exercise: {
        id: 'kind',
        title: 'Who sent it, and what is it?',
        rules: ['frame-opcode', 'frame-client-masks'],
        generate: frameKind,
      },
    },
    {
      kind: 'p',
      text: 'The client greets the server, the server echoes, the client asks `status?`, the server answers, and the client closes. One of these frames is why.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'broken',
        title: 'Find the broken frame',
        rules: ['utf8-fail-1007', 'text-utf8'],
        generate: brokenFrame,
        fixed: true,
      },
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'byte',
        title: 'Find the byte',
        rules: ['utf8-fail-1007'],
        generate: badByteIndex,
        fixed: true,
      },
    },
    {
      kind: 'p',
      text: 'The client did what RFC 6455 §7.1.7 asks: it failed the connection and said why in its close frame.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'code',
        title: 'The client’s close code',
        rules: ['close-code-1007', 'close-body', 'close-fail'],
        generate: clientCloseCode,
        fixed: true,
      },
    },
    {
      kind: 'p',
      text: 'There is a second bug, in how the server ended the connection. The `ws` client logged close code 1006 on its side.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'closing',
        title: 'The second bug',
        rules: ['close-reply', 'close-tcp-server-first'],
        generate: serverCloseReply,
        fixed: true,
      },
    },
    {
      kind: 'p',
      text: 'The fixes: cut text at a character boundary (or not at all), and answer a close frame with a close frame before closing TCP.',
    },
  ],
};
