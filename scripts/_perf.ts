import { importCapture } from '../src/capture';
import { parseHex } from '../src/codec/hex';
import { TEXT_ADVERSARIES } from '../bench/parsers-inputs';
const cpu = (f: () => unknown) => { const s = process.cpuUsage(); f(); const u = process.cpuUsage(s); return (u.user + u.system) / 1000; };
const mode = process.argv[2] ?? 'alone';
const enc = new TextEncoder();
if (mode === 'before') {
  for (const a of TEXT_ADVERSARIES) {
    if (a.name === 'hex pairs') break;
    for (const size of [156250, 312500, 625000, 1250000]) { const t = a.make(size); parseHex(t); importCapture('x', enc.encode(t)); }
  }
  console.log('warmed with earlier adversaries');
}
const hp = TEXT_ADVERSARIES.find((a) => a.name === 'hex pairs')!;
for (const size of [156250, 312500, 625000, 1250000, 2500000]) {
  const t = hp.make(size);
  console.log(size, 'parseHex', cpu(() => parseHex(t)).toFixed(0), 'import', cpu(() => importCapture('x', enc.encode(t))).toFixed(0));
}
