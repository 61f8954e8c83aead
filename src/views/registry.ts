import type { Component } from 'svelte';

/** One entry per view in the header; `load` is lazy so each view is its own chunk. */
export interface ViewEntry {
  id: string;
  title: string;
  summary: string;
  load: () => Promise<{ default: Component }>;
}

export const views: ViewEntry[] = [
  {
    id: 'learn',
    title: 'Learn',
    summary: 'A course through RFC 6455 and RFC 7692: predict every byte before it is revealed.',
    load: () => import('./Learn/LearnView.svelte'),
  },
  {
    id: 'handshake',
    title: 'Handshake',
    summary: 'The HTTP upgrade, every check the server makes, and Sec-WebSocket-Accept step by step.',
    load: () => import('./Handshake/HandshakeView.svelte'),
  },
  {
    id: 'builder',
    title: 'Builder',
    summary: 'Build a frame bit by bit on the RFC 6455 §5.2 diagram and watch the bytes change.',
    load: () => import('./Builder/BuilderView.svelte'),
  },
  {
    id: 'masking',
    title: 'Masking',
    summary: 'The XOR of every payload byte with its key byte, one step at a time.',
    load: () => import('./Masking/MaskingView.svelte'),
  },
  {
    id: 'decoder',
    title: 'Decoder',
    summary: 'Paste hex or a hex dump: frames, fields, messages, close codes and violations.',
    load: () => import('./Decoder/DecoderView.svelte'),
  },
  {
    id: 'replay',
    title: 'Replay',
    summary: 'Captured traffic (HAR, pcap/pcapng, hex dumps, sessions) played back on a timeline.',
    load: () => import('./Replay/ReplayView.svelte'),
  },
  {
    id: 'live',
    title: 'Live',
    summary: 'A real connection through the browser’s WebSocket API, and the exact bytes on the wire.',
    load: () => import('./Live/LiveView.svelte'),
  },
  {
    id: 'lab',
    title: 'Lab',
    summary: 'How a real browser reacts when a server breaks the rules, beside what RFC 6455 asks.',
    load: () => import('./Lab/LabView.svelte'),
  },
];

/** The view for a route: its first path segment (`learn/masking` → Learn); the front page (`#/`) is Learn. */
export function findView(id: string): ViewEntry | undefined {
  const first = id.split('/')[0] || 'learn';
  return views.find((v) => v.id === first);
}
