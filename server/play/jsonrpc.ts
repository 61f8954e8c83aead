import { decodeText, encodeText, type Play, type PlayContext } from './types.ts';

type Id = string | number | null;
type Response =
  | { jsonrpc: '2.0'; id: Id; result: unknown }
  | { jsonrpc: '2.0'; id: Id; error: { code: number; message: string; data?: unknown } };

const fail = (id: Id, code: number, message: string, data?: unknown): Response => ({
  jsonrpc: '2.0',
  id,
  error: data === undefined ? { code, message } : { code, message, data },
});

/** The methods the scripted server offers; anything else is -32601. */
const METHODS: Record<string, (params: unknown) => { result: unknown } | { error: [number, string] }> = {
  add(params) {
    const list = Array.isArray(params)
      ? params
      : params && typeof params === 'object'
        ? Object.values(params)
        : null;
    if (!list || !list.every((n) => typeof n === 'number'))
      return { error: [-32602, 'Invalid params: add takes numbers, by position or by name'] };
    return { result: (list as number[]).reduce((a, b) => a + b, 0) };
  },
  echo: (params) => ({ result: params ?? null }),
  time: () => ({ result: new Date().toISOString() }),
  methods: () => ({ result: Object.keys(METHODS) }),
};

function isId(v: unknown): v is Id {
  return v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * Answers one request object; null for a notification (JSON-RPC 2.0 §4.1: the server must not reply).
 * @see https://www.jsonrpc.org/specification §4, §5, §5.1
 */
export function answerRequest(req: unknown): Response | null {
  if (!req || typeof req !== 'object' || Array.isArray(req)) return fail(null, -32600, 'Invalid Request');
  const r = req as Record<string, unknown>;
  const hasId = 'id' in r;
  const id = hasId && isId(r.id) ? r.id : null;
  if (r.jsonrpc !== '2.0' || typeof r.method !== 'string' || (hasId && !isId(r.id)))
    return fail(id, -32600, 'Invalid Request');
  if ('params' in r && (r.params === null || typeof r.params !== 'object'))
    return hasId ? fail(id, -32602, 'Invalid params: params must be an array or an object') : null;
  const method = Object.hasOwn(METHODS, r.method) ? METHODS[r.method] : undefined;
  if (!hasId) return null;
  if (!method) return fail(id, -32601, 'Method not found', { method: r.method });
  const out = method(r.params);
  return 'result' in out ? { jsonrpc: '2.0', id, result: out.result } : fail(id, ...out.error);
}

/** The reply to one WebSocket message: a response, a batch of responses, or nothing (notifications only). */
export function answerMessage(text: string): Response | Response[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail(null, -32700, 'Parse error');
  }
  if (!Array.isArray(parsed)) return answerRequest(parsed);
  // §6: an empty batch is one Invalid Request; a batch of notifications gets no reply at all.
  if (parsed.length === 0) return fail(null, -32600, 'Invalid Request');
  const answers = parsed.map(answerRequest).filter((a): a is Response => a !== null);
  return answers.length > 0 ? answers : null;
}

/**
 * JSON-RPC 2.0: on open the server sends a `welcome` notification, then answers every request (`add`, `echo`,
 * `time`, `methods`; anything else is -32601), batches with batches, and notifications with silence.
 */
export const jsonrpcPlay: Play = {
  id: 'jsonrpc',
  subprotocols: ['jsonrpc-2.0', 'jsonrpc'],
  start({ conn, note }: PlayContext) {
    note('JSON-RPC 2.0: the server greets with a notification (no id, so no reply is expected).');
    conn.send(
      1,
      encodeText(
        JSON.stringify({
          jsonrpc: '2.0',
          method: 'welcome',
          params: {
            methods: Object.keys(METHODS),
            hint: 'send {"jsonrpc":"2.0","id":1,"method":"add","params":[2,3]}',
          },
        }),
      ),
    );
    conn.onMessage = (_opcode, data) => {
      const answer = answerMessage(decodeText(data));
      if (answer === null) {
        note('Only notifications: JSON-RPC 2.0 §4.1 says the server must not reply.');
        return;
      }
      conn.send(1, encodeText(JSON.stringify(answer)));
    };
  },
};
