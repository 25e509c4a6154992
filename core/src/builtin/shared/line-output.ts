/**
 * Turns chunked output into whole lines: `push` chunks as they arrive,
 * `flush` at the end for a trailing partial line. Trailing whitespace is
 * trimmed from each line, as Packer does when it relays command output.
 */
export class LineOutput {
  #pending = '';
  readonly #decoder = new TextDecoder();

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    this.#pending += this.#decoder.decode(chunk, { stream: true });
    let nl = this.#pending.indexOf('\n');
    while (nl >= 0) {
      this.onLine(this.#pending.slice(0, nl).trimEnd());
      this.#pending = this.#pending.slice(nl + 1);
      nl = this.#pending.indexOf('\n');
    }
  }

  flush(): void {
    this.#pending += this.#decoder.decode();
    if (this.#pending !== '') this.onLine(this.#pending.trimEnd());
    this.#pending = '';
  }
}
