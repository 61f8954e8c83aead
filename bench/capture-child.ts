/**
 * One measured run for the capture benchmark, in a process of its own: importCapture on a file, then prints JSON
 * with the frames counted, the CPU milliseconds of the import alone and the process's peak RSS.
 */
import { readFileSync } from 'node:fs';
import { importCapture } from '../src/capture/index';

const file = process.argv[2]!;
const bytes = new Uint8Array(readFileSync(file));
const start = process.cpuUsage();
const r = importCapture('bench.pcap', bytes);
const used = process.cpuUsage(start);
const frames = r.connections.reduce((n, c) => n + c.frames.length, 0);
console.log(
  JSON.stringify({
    frames,
    error: r.error,
    importCpuMs: (used.user + used.system) / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
