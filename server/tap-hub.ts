import type { Connection } from './connection.ts';
import { tapNow, type TapMessage } from '../src/lib/tap-protocol.ts';

const BACKLOG_LIMIT = 5000;
const BACKLOG_TTL_MS = 30_000;

interface Backlog {
  messages: string[];
  timer: NodeJS.Timeout;
}

/**
 * Pairs live connections with the taps watching them, by id. Messages published before the tap is open wait in a
 * bounded backlog (the page may open both sockets at once), dropped after 30 s if no tap comes.
 */
export class TapHub {
  private readonly taps = new Map<string, Set<Connection>>();
  private readonly backlogs = new Map<string, Backlog>();

  attach(id: string, tap: Connection): void {
    let set = this.taps.get(id);
    if (!set) this.taps.set(id, (set = new Set()));
    set.add(tap);
    tap.onEnd = () => {
      set.delete(tap);
      if (set.size === 0 && this.taps.get(id) === set) this.taps.delete(id);
    };
    this.sendTo(tap, JSON.stringify({ v: 1, type: 'hello', id, t: tapNow() } satisfies TapMessage));
    const backlog = this.backlogs.get(id);
    if (backlog) {
      clearTimeout(backlog.timer);
      this.backlogs.delete(id);
      for (const m of backlog.messages) this.sendTo(tap, m);
    }
  }

  /** Send to every tap watching `id`, or keep it for the tap that is about to open. */
  publish(id: string, message: TapMessage): void {
    const json = JSON.stringify(message);
    const set = this.taps.get(id);
    if (set && set.size > 0) {
      for (const tap of set) this.sendTo(tap, json);
      return;
    }
    let backlog = this.backlogs.get(id);
    if (!backlog) {
      const timer = setTimeout(() => this.backlogs.delete(id), BACKLOG_TTL_MS);
      timer.unref();
      backlog = { messages: [], timer };
      this.backlogs.set(id, backlog);
    }
    if (backlog.messages.length < BACKLOG_LIMIT) backlog.messages.push(json);
  }

  /** Drop every backlog (the server is shutting down). */
  clear(): void {
    for (const b of this.backlogs.values()) clearTimeout(b.timer);
    this.backlogs.clear();
  }

  private sendTo(tap: Connection, json: string): void {
    tap.send(1, new TextEncoder().encode(json));
  }
}
