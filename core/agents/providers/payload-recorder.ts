/**
 * Every payload sent to a provider, in order, exactly as it went over the wire, so an analysis
 * can show the user what left the machine. Headers are not kept: they carry the API key.
 */

export interface PayloadEntry {
  provider: string;
  model: string;
  url: string;
  /** The request body byte for byte (JSON text). */
  body: string;
  /** ISO time of the first send. */
  at: string;
  /** How many times this body was sent (retries resend the same bytes). */
  attempts: number;
}

export class PayloadRecorder {
  private readonly list: PayloadEntry[] = [];

  /** Adds an entry and returns it so a retry of the same call can count itself on it. */
  record(entry: Omit<PayloadEntry, 'attempts' | 'at'> & { at?: string }): PayloadEntry {
    const e: PayloadEntry = { ...entry, at: entry.at ?? new Date().toISOString(), attempts: 1 };
    this.list.push(e);
    return e;
  }

  entries(): PayloadEntry[] {
    return this.list.map((e) => ({ ...e }));
  }

  get size(): number {
    return this.list.length;
  }
}
