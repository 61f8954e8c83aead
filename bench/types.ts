/** One line of the benchmark table. Every `bench/*.bench.ts` module returns these from `run()`. */
export interface Row {
  /** What is measured, e.g. `decode 1,000,000 × 16 B text`. */
  workload: string;
  /** Who: `framescope`, `ws`, `ceiling (Uint8Array#set)`, … */
  impl: string;
  /** Throughput in MB/s (10^6 bytes per second) of the bytes the workload moves. */
  mbps: number;
  /** This row's throughput divided by ws's on the same workload, or null. */
  vsWs: number | null;
  /** This row's throughput as a fraction of the memory-copy ceiling, or null. */
  ofCeiling: number | null;
  /** How the result was checked against the other implementation, e.g. `1000000 msgs, sum 1a2b3c`. */
  check: string;
  /** The target this row must meet (e.g. `≥ 1.5× ws`), and whether it does; null when none. */
  target: string | null;
  met: boolean | null;
}

/** A benchmark module: `bench/index.ts` runs every `bench/*.bench.ts` that exports this. */
export interface BenchModule {
  run(): Promise<Row[]>;
}
