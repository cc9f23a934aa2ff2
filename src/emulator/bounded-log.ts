/** Keeps the newest entries only, so a long-running emulator does not grow without bound. */
const MAX_ENTRIES = 10_000;

/** An append-only log of entries the control endpoints show, oldest first. */
export class BoundedLog<T> {
  private entries: T[] = [];

  add(entry: T): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  list(): readonly T[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
