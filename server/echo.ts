import type { Connection } from './connection.ts';
import { badFrame, type Script } from './script.ts';

/**
 * Runs `/echo` on an open connection: every message goes back as it came (text stays text, binary stays binary),
 * shaped by the connection's script. `note` tells the tap what a scripted step does.
 */
export function runEcho(
  conn: Connection,
  script: Script,
  deflate: boolean,
  note: (text: string) => void,
): void {
  let messages = 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  let pinger: NodeJS.Timeout | null = null;
  if (script.pingEveryMs !== null) {
    let n = 0;
    pinger = setInterval(() => {
      n += 1;
      note(`The server sends ping ${n}; the browser must answer with a pong carrying the same data.`);
      conn.ping(new TextEncoder().encode(`ping ${n}`));
    }, script.pingEveryMs);
  }

  const previousEnd = conn.onEnd;
  conn.onEnd = (c) => {
    if (pinger) clearInterval(pinger);
    for (const t of timers) clearTimeout(t);
    previousEnd(c);
  };

  conn.onMessage = (opcode, data) => {
    messages += 1;
    const first = messages === 1;
    const reply = () => {
      if (script.fragments > 1) note(`The server echoes the message in ${script.fragments} frames.`);
      conn.send(opcode, data, { fragments: script.fragments });
      if (!first) return;
      if (script.bad) {
        const bad = badFrame(script.bad, deflate);
        note(`The server breaks the protocol on purpose: ${bad.note}. The browser must fail the connection.`);
        conn.writeRaw(bad.spec);
      } else if (script.closeCode !== null) {
        note(`The server starts the closing handshake with code ${script.closeCode}.`);
        conn.close(script.closeCode, script.closeReason);
      }
    };
    if (script.slowMs > 0) later(script.slowMs, reply);
    else reply();
  };
}
