/**
 * The share-link codec every view uses: a view's state as JSON, compressed with raw DEFLATE (the browser's own
 * `CompressionStream('deflate-raw')`), in base64url, behind a version tag: `#/masking?z=1.q1ZKzEkt…`.
 *
 * Reading is bounded at every step, so no link can make the page do unbounded work: the link's length is checked
 * before anything is decoded, the inflated size is counted while inflating (a deflate bomb is stopped at the
 * limit, never inflated whole), and the JSON is checked against the view's schema (`link-schema.ts`) before the
 * view sees it. Reading never throws: a bad link gives a sentence saying what is wrong.
 */
import { type Check, validate } from './link-schema';

/** The version this build writes and reads. A link of another version is refused with a message. */
export const LINK_VERSION = 1;
/** The URL parameter that holds a link (`?z=1.…`). */
export const LINK_PARAM = 'z';
/** The longest link token read (characters). Longer ones are refused before any decoding. */
export const MAX_LINK_CHARS = 32 * 1024;
/** The most JSON a link may inflate to (bytes). Inflation stops as soon as it is passed. */
export const MAX_LINK_JSON = 256 * 1024;
/** Compressed bytes handed to the inflater at a time: with the output counted in between, a bomb stops early. */
const INFLATE_PIECE = 1024;

export type LinkRead<T> = { ok: true; value: T } | { ok: false; error: string };

const n = (x: number) => x.toLocaleString('en');

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Feed bytes in small pieces, each only when the inflater asks for more (backpressure). */
function pieces(bytes: Uint8Array): ReadableStream<BufferSource> {
  let at = 0;
  return new ReadableStream<BufferSource>(
    {
      pull(controller) {
        if (at >= bytes.length) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.slice(at, at + INFLATE_PIECE));
        at += INFLATE_PIECE;
      },
    },
    { highWaterMark: 0 },
  );
}

/** A state as a link token (`1.` + base64url of its deflated JSON). */
export async function encodeLink(state: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  // One chunk: a compressor may end a block at every chunk, and each block costs its own Huffman tables.
  const whole = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(json);
      controller.close();
    },
  });
  const deflated = await collect(whole.pipeThrough(new CompressionStream('deflate-raw')), Infinity);
  return `${LINK_VERSION}.${toBase64Url(deflated ?? new Uint8Array(0))}`;
}

/** Read a link token and check it against a view's schema. Never throws. */
export async function decodeLink<T>(token: string, schema: Check<T>): Promise<LinkRead<T>> {
  if (token.length > MAX_LINK_CHARS)
    return {
      ok: false,
      error: `The link is ${n(token.length)} characters long; a Framescope link holds at most ${n(MAX_LINK_CHARS)}, so it was not read.`,
    };
  const dot = token.indexOf('.');
  const version = dot === -1 ? '' : token.slice(0, dot);
  if (!/^\d{1,6}$/.test(version))
    return {
      ok: false,
      error: 'The link has no version tag (it should start with “1.”): it was not made by Framescope.',
    };
  if (Number(version) !== LINK_VERSION)
    return {
      ok: false,
      error: `The link is version ${Number(version)}; this Framescope reads version ${LINK_VERSION} links${Number(version) > LINK_VERSION ? ' (it was made by a newer one)' : ''}.`,
    };
  const body = token.slice(dot + 1);
  const bad = body.search(/[^A-Za-z0-9_-]/);
  if (bad !== -1)
    return {
      ok: false,
      error: `The link is damaged: character ${n(dot + 2 + bad)} is not part of a Framescope link.`,
    };
  if (body.length % 4 === 1)
    return { ok: false, error: 'The link is cut short: its last characters are missing.' };
  let json: Uint8Array | null;
  try {
    json = await collect(
      pieces(fromBase64Url(body)).pipeThrough(new DecompressionStream('deflate-raw')),
      MAX_LINK_JSON,
    );
  } catch {
    return { ok: false, error: 'The link is cut short or damaged: its compressed data does not unpack.' };
  }
  if (json === null)
    return {
      ok: false,
      error: `The link unpacks to more than ${n(MAX_LINK_JSON / 1024)} KiB, more than any Framescope state, so it was not read.`,
    };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return { ok: false, error: 'The link is damaged: what it unpacks to is not a Framescope state.' };
  }
  return validate(schema, raw);
}

/** The token of a link's parameters, if any. */
export function linkToken(params: URLSearchParams): string | null {
  return params.get(LINK_PARAM);
}
