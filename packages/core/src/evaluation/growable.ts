/** Typed arrays that grow as values are appended (no dependencies: the CSV loader's worker threads use them). */
type TypedArray = Int32Array | Uint8Array;

/** An append-only typed array that doubles its capacity as needed. */
export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;
  constructor(private readonly make: (size: number) => T, capacity = 1024) {
    this.data = make(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  finish(): T {
    // A view, not a copy: at national scale the copy costs more than the spare capacity.
    return this.data.subarray(0, this.length) as T;
  }
}

export const growableInt32 = (capacity?: number) => new Growable((n) => new Int32Array(n), capacity);
export const growableUint8 = (capacity?: number) => new Growable((n) => new Uint8Array(n), capacity);
