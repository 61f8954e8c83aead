import { describe, expect, it } from 'vitest';
import {
  fieldAt,
  filterUnits,
  flattenFields,
  spanLabel,
  unitTypes,
} from '../../../src/components/protocol-fields';
import type { Unit } from '../../../src/subprotocol';

const unit = (type: string, summary: string, value = ''): Unit => ({
  direction: 'c2s',
  type,
  summary,
  messages: [0],
  problems: [],
  fields: [
    {
      name: 'outer',
      value,
      span: { message: 0, start: 0, end: 10 },
      children: [{ name: 'inner', value: 1, span: { message: 0, start: 2, end: 4 } }],
    },
  ],
});

describe('protocol-fields', () => {
  it('finds the narrowest field under a byte, and none outside every span', () => {
    const flat = flattenFields(unit('PUBLISH', '').fields);
    expect(flat.map((f) => [f.path, f.depth])).toEqual([
      ['0', 0],
      ['0.0', 1],
    ]);
    expect(fieldAt(flat, 0, 3)?.field.name).toBe('inner');
    expect(fieldAt(flat, 0, 5)?.field.name).toBe('outer');
    expect(fieldAt(flat, 0, 10)).toBeNull();
    expect(fieldAt(flat, 1, 3)).toBeNull();
  });

  it('filters units by type and by text in the summary or any field value', () => {
    const units = [
      unit('PUBLISH', 'PUBLISH "a/b"'),
      unit('PUBACK', 'PUBACK id 1'),
      unit('PUBLISH', 'x', 'topic a/b'),
    ];
    expect(filterUnits(units, 'all', '')).toEqual([0, 1, 2]);
    expect(filterUnits(units, 'PUBLISH', '')).toEqual([0, 2]);
    expect(filterUnits(units, 'all', 'A/B')).toEqual([0, 2]);
    expect(unitTypes(units)).toEqual(['PUBLISH', 'PUBACK']);
    expect(spanLabel({ message: 2, start: 4, end: 5 })).toBe('message 3, byte 4');
  });
});
