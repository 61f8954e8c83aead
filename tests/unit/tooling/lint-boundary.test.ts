import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The pure core (src/codec, src/capture) must stay free of Svelte, the DOM and Node: the lint rule is what keeps it so.
const eslint = new ESLint();

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint boundary of the pure core', () => {
  it.each([
    ['import { readFileSync } from "fs";\nexport const f = readFileSync;\n', 'no-restricted-imports'],
    ['import zlib from "node:zlib";\nexport const z = zlib;\n', 'no-restricted-imports'],
    ['import { mount } from "svelte";\nexport const m = mount;\n', 'no-restricted-imports'],
    [
      'import App from "../views/Decoder/DecoderView.svelte";\nexport const a = App;\n',
      'no-restricted-imports',
    ],
    ['export const w = window.location.href;\n', 'no-restricted-globals'],
    ['export const d = document.title;\n', 'no-restricted-globals'],
    ['export const b = Buffer.from([1]);\n', 'no-restricted-globals'],
  ])('src/codec refuses %s', async (code, rule) => {
    expect(await ruleIds(code, 'src/codec/probe.ts')).toContain(rule);
    expect(await ruleIds(code, 'src/capture/probe.ts')).toContain(rule);
  });

  it('allows the codec its own modules and platform-neutral globals', async () => {
    const code =
      'import { encodeFrame } from "./frame";\nimport { decodeStream } from "./stream";\nexport const x = [encodeFrame, decodeStream, new TextDecoder()];\n';
    expect(await ruleIds(code, 'src/codec/probe.ts')).toEqual([]);
  });

  it('leaves views free to use the DOM', async () => {
    expect(await ruleIds('export const t = document.title;\n', 'src/views/probe.ts')).toEqual([]);
  });
});
