/**
 * Watches ansible-playbook's output for what an error message needs: the
 * last PLAY RECAP and the hosts reported unreachable.
 */
export class PlayOutput {
  readonly recap: string[] = [];
  readonly unreachable: { host: string; message: string }[] = [];
  readonly failed: { host: string; message: string }[] = [];
  readonly tail: string[] = [];
  #inRecap = false;

  /** Feeds one output line. */
  line(text: string): void {
    this.tail.push(text);
    if (this.tail.length > 20) this.tail.shift();
    if (/^PLAY RECAP \*/.test(text)) {
      this.#inRecap = true;
      this.recap.length = 0;
      return;
    }
    if (this.#inRecap) {
      if (text.trim() === '') {
        if (this.recap.length) this.#inRecap = false;
      } else this.recap.push(text.trim());
    }
    const u = /^fatal: \[([^\]]+)\]: UNREACHABLE! => (.*)$/.exec(text);
    if (u) this.unreachable.push({ host: u[1]!, message: messageOf(u[2]!) });
    const f = /^fatal: \[([^\]]+)\]: FAILED! => (.*)$/.exec(text);
    if (f) this.failed.push({ host: f[1]!, message: messageOf(f[2]!) });
  }

  /** The failed tasks' messages and the recap (or the last lines when there is none), for an error message. */
  summary(): string {
    const failures = this.failed.slice(0, 3).map((f) => `failed on ${f.host}: ${f.message}`);
    const lines = this.recap.length
      ? [...failures, 'PLAY RECAP:', ...this.recap]
      : [...failures, ...this.tail.filter((l) => l.trim() !== '').slice(-8)];
    return lines.map((l) => `  ${l}`).join('\n');
  }
}

function messageOf(json: string): string {
  try {
    const v = JSON.parse(json) as { msg?: unknown };
    if (typeof v.msg === 'string') return v.msg.trim();
  } catch {}
  return json.trim();
}
