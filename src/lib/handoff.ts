/**
 * Hands a file from one view to another (Live → Replay) through sessionStorage, so the receiving view can be
 * opened by an ordinary hash link and the data survives the navigation without living in the URL.
 */
const KEY = 'framescope:handoff';

export interface Handoff {
  name: string;
  bytes: Uint8Array;
}

/** Store a file for the next view to take. Returns false when storage is unavailable or full. */
export function putHandoff(name: string, text: string): boolean {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ name, text }));
    return true;
  } catch {
    return false;
  }
}

/** Take (and remove) the stored file, if any. */
export function takeHandoff(): Handoff | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (!raw) return null;
    const { name, text } = JSON.parse(raw) as { name: unknown; text: unknown };
    if (typeof name !== 'string' || typeof text !== 'string') return null;
    return { name, bytes: new TextEncoder().encode(text) };
  } catch {
    return null;
  }
}
