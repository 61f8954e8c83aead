/**
 * What the Live view knows about its tap beyond the frames: the id the server issued, why a tap was refused, which
 * credentials the server redacted from the handshake, and where frames were dropped.
 */
import type { Redaction, TapMessage } from '../../lib/tap-protocol';
import { plural } from '../../lib/plural';

/** Frames the server did not keep for this tap, shown in the frame list after the frame with key `after`. */
export interface WireGap {
  key: number;
  /** Key of the frame before the gap (0: before every frame). */
  after: number;
  connection: number;
  frames: number;
  bytes: number;
  other: number;
  reason: string;
}

let nextKey = 1;

/** "3 frames (3,145,728 bytes) not shown", plus other messages when some were dropped too. */
export function gapText(g: Pick<WireGap, 'frames' | 'bytes' | 'other'>): string {
  const parts = [`${plural(g.frames, 'frame')} (${plural(g.bytes, 'byte')}) not shown`];
  if (g.other > 0) parts.push(`${plural(g.other, 'other tap message')} not shown`);
  return parts.join('; ');
}

export class TapInfo {
  /** The id the server issued for this tap (its `hello`), or null. */
  id = $state<string | null>(null);
  /** The server refused the tap: why, in its words. */
  refused = $state<string | null>(null);
  /** What the server redacted from the current handshake (empty once revealed). */
  redacted = $state.raw<Redaction[]>([]);
  /** The page asked for the credentials and the server sent the handshake again, unredacted. */
  revealed = $state(false);
  gaps = $state.raw<WireGap[]>([]);

  /** A new tap (or none): forget the id, the refusal and the redactions; gaps stay with their frames. */
  reset(): void {
    this.id = null;
    this.refused = null;
    this.redacted = [];
    this.revealed = false;
  }

  clear(): void {
    this.gaps = [];
  }

  /** Record what a handshake message says about redaction. */
  handshake(m: Extract<TapMessage, { type: 'handshake' }>): void {
    this.redacted = m.redacted ?? [];
    this.revealed = m.revealed === true;
  }

  /** Record a `dropped` message as a gap after the frame with key `after`. */
  dropped(m: Extract<TapMessage, { type: 'dropped' }>, after: number, connection: number, max: number): void {
    const gap: WireGap = {
      key: nextKey++,
      after,
      connection,
      frames: m.frames,
      bytes: m.bytes,
      other: m.other,
      reason: m.reason,
    };
    this.gaps = [...this.gaps.slice(-max + 1), gap];
  }
}
