import type { ViolationId } from '../../codec/types';

/** One thing the server does, in order, right after its 101 response. */
export type LabStep =
  /** Write these bytes (one frame, or the first part of one). */
  | { frame: Uint8Array }
  /** Wait this long, unless the client sends its close frame or closes TCP first (then the rest is skipped). */
  | { pauseMs: number };

/**
 * What the server does once its steps are done:
 * - `answer`  a well-behaved server: answers the client's close frame with its own (unless it already sent one) and
 *             closes TCP first (RFC 6455 §7.1.1)
 * - `fin`     closes TCP (FIN) without any close frame
 * - `reset`   resets TCP (RST), here in the middle of a frame
 * - `silent`  never answers and never closes TCP: the client has to give up by itself
 */
export type LabEnding = 'answer' | 'fin' | 'reset' | 'silent';

/** A close frame the client should send: this code, any close frame at all, or none (TCP is gone). */
export type ExpectedClose = number | 'any' | 'none';

/** What the specifications ask of the client for one case. */
export interface LabExpectation {
  /** The rule's section, e.g. `RFC 6455 §5.2`. */
  section: string;
  /** What the RFC asks, in one or two sentences. */
  asks: string;
  /** The client's close frame on the wire. */
  wireClose: ExpectedClose;
  /** Pongs the client must send, by their payload text. */
  pongs: string[];
  /** Messages the page must receive (`onmessage`), as `text:SIZE` or `binary:SIZE`. */
  messages: string[];
  /**
   * The page's close event (WHATWG WebSockets standard): 1006 and `wasClean: false` when the connection failed or
   * TCP closed without a closing handshake, otherwise the server's code (1005 for none) and `wasClean: true`.
   */
  pageCode: number;
  wasClean: boolean;
  /** Another reaction the RFC also allows (e.g. failing on a sender's MUST that the receiver has no rule for), and why. */
  alternative?: {
    why: string;
    wireClose: ExpectedClose;
    messages: string[];
    pageCode: number;
    wasClean: boolean;
  };
}

/** One case of the browser-reaction Lab: what the server sends, and what the client should do. */
export interface LabCase {
  /** Stable id, also the server's `?lab=` value and the key of recorded results. */
  id: string;
  title: string;
  group: 'violation' | 'edge';
  /** Whether the server accepts permessage-deflate when the browser offers it. */
  deflate: boolean;
  /** What the server sends, in words. */
  sends: string;
  /** The server's steps, built with `encodeFrame` on demand (one case carries 16 MiB). */
  steps: () => LabStep[];
  ending: LabEnding;
  /** The first violation the codec's client-side receiver finds in the frames, or null when they are valid. */
  violation: ViolationId | null;
  expect: LabExpectation;
}
