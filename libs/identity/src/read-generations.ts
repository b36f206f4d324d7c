/** One read-through in flight, from `begin` to `end`. */
export interface ReadTicket {
  readonly key: string;
  readonly epoch: number;
  readonly generation: number;
}

interface InFlight {
  generation: number;
  readers: number;
}

/**
 * Whether a cache's read-through may store what it read: not when its key (or every key) was
 * dropped while it read, since it may have read the very row whose change the drop announced,
 * and storing it would outlive the change. Generations are kept per key, and only for keys with
 * a read in flight, so the bookkeeping is bounded by the reads in flight, not by the keys seen.
 */
export class ReadGenerations {
  private epoch = 0;
  private readonly inFlight = new Map<string, InFlight>();

  begin(key: string): ReadTicket {
    let entry = this.inFlight.get(key);
    if (!entry) {
      entry = { generation: 0, readers: 0 };
      this.inFlight.set(key, entry);
    }
    entry.readers++;
    return { key, epoch: this.epoch, generation: entry.generation };
  }

  /** True unless the key or everything was dropped since `begin`. Call before `end`. */
  mayStore(ticket: ReadTicket): boolean {
    return ticket.epoch === this.epoch && this.inFlight.get(ticket.key)?.generation === ticket.generation;
  }

  end(ticket: ReadTicket): void {
    const entry = this.inFlight.get(ticket.key);
    if (entry && --entry.readers === 0) this.inFlight.delete(ticket.key);
  }

  drop(key: string): void {
    const entry = this.inFlight.get(key);
    if (entry) entry.generation++;
  }

  dropAll(): void {
    this.epoch++;
  }

  /** Keys with a read in flight. */
  get reading(): number {
    return this.inFlight.size;
  }
}
