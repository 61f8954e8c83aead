/**
 * The protocols inside the frames: picks a decoder for a connection's messages and decodes them into units.
 * Pure TypeScript like `src/codec`: bytes in, plain objects out.
 */
import { DECODERS } from './registry';
import type {
  InterpretInput,
  InterpretOptions,
  Interpretation,
  ProtocolDecoder,
  Unit,
  WsMessage,
} from './types';

export * from './types';
export { DECODERS } from './registry';

/** A sniff score below this is not enough to name a protocol. */
export const SNIFF_THRESHOLD = 0.5;

/** The id and name of every protocol Framescope decodes, for pickers. */
export function protocolList(): { id: string; name: string }[] {
  return DECODERS.map((d) => ({ id: d.id, name: d.name }));
}

type Choice = Interpretation['protocol'] & { decoder: ProtocolDecoder | null };

function none(reason: string): Choice {
  return { id: null, name: null, how: 'none', reason, decoder: null };
}

function chosen(decoder: ProtocolDecoder, how: Choice['how'], reason: string): Choice {
  return { id: decoder.id, name: decoder.name, how, reason, decoder };
}

/**
 * Which protocol the messages speak, in Firefox DevTools' order: forced by the caller, the negotiated
 * `Sec-WebSocket-Protocol`, a hint in the URL, sniffed from the payloads, or none.
 */
export function chooseProtocol(input: InterpretInput, options: InterpretOptions = {}): Choice {
  if (options.protocol !== undefined && options.protocol !== '') {
    if (options.protocol === 'none') return none('no protocol: chosen by hand');
    const forced = DECODERS.find((d) => d.id === options.protocol);
    return forced
      ? chosen(forced, 'forced', `chosen by hand: ${forced.name}`)
      : none(`unknown protocol "${options.protocol}"`);
  }
  const negotiated = input.subprotocol?.trim().toLowerCase();
  if (negotiated) {
    const decoder = DECODERS.find((d) => d.subprotocols.includes(negotiated));
    if (decoder)
      return chosen(decoder, 'negotiated', `negotiated Sec-WebSocket-Protocol: ${input.subprotocol}`);
  }
  if (input.url) {
    const url = input.url;
    const decoder = DECODERS.find((d) => d.matchesUrl?.(url) === true);
    if (decoder) return chosen(decoder, 'url', `the URL looks like ${decoder.name}: ${url}`);
  }
  let best: ProtocolDecoder | null = null;
  let bestScore = 0;
  for (const decoder of DECODERS) {
    const score = decoder.sniff(input.messages);
    if (score > bestScore) {
      best = decoder;
      bestScore = score;
    }
  }
  if (best && bestScore >= SNIFF_THRESHOLD)
    return chosen(best, 'sniffed', `the payloads look like ${best.name}`);
  if (negotiated) return none(`no decoder for the negotiated Sec-WebSocket-Protocol "${input.subprotocol}"`);
  return none('no protocol recognised in the payloads');
}

function safeDecode(decoder: ProtocolDecoder, messages: readonly WsMessage[]): Unit[] {
  try {
    return decoder.decode(messages);
  } catch (e) {
    // A decoder must never throw; if one does, say so instead of losing the view.
    return [
      {
        direction: messages[0]?.direction ?? 'c2s',
        type: 'error',
        summary: `${decoder.name} could not decode these messages`,
        messages: [],
        fields: [],
        problems: [`internal error in the ${decoder.id} decoder: ${(e as Error).message}`],
      },
    ];
  }
}

/**
 * Decode a connection's WebSocket messages as the application protocol they carry.
 *
 * @example
 * interpretMessages({ subprotocol: 'mqtt', messages }); // { protocol: { id: 'mqtt', how: 'negotiated', … }, units }
 */
export function interpretMessages(input: InterpretInput, options: InterpretOptions = {}): Interpretation {
  const { decoder, ...protocol } = chooseProtocol(input, options);
  return { protocol, units: decoder ? safeDecode(decoder, input.messages) : [] };
}
