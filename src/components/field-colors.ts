/** The colour (a CSS variable from app.css) of each frame field, shared by bits, bytes and field lists. */
const COLORS: Record<string, string> = {
  fin: 'var(--f-fin)',
  rsv1: 'var(--f-rsv)',
  rsv2: 'var(--f-rsv)',
  rsv3: 'var(--f-rsv)',
  opcode: 'var(--f-opcode)',
  mask: 'var(--f-mask)',
  payloadLength: 'var(--f-len)',
  extendedPayloadLength: 'var(--f-extlen)',
  maskingKey: 'var(--f-key)',
  payload: 'var(--f-payload)',
  closeCode: 'var(--f-close)',
  closeReason: 'var(--f-payload)',
};

export function fieldColor(name: string): string {
  return COLORS[name] ?? 'var(--panel)';
}
