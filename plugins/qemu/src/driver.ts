/** A running QEMU process. */
export interface VmProcess {
  readonly pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** A reason ("QEMU exited with status 1: ...") once it has exited, else undefined. */
  exitReason(): string | undefined;
  /** Kills it (TERM, then KILL) and waits for the exit. */
  kill(): Promise<void>;
  /** Lets it outlive the plugin (-on-error=abort): nothing kills it when the plugin exits. */
  release(): void;
}

/** Options of {@link QemuDriver.start}. */
export interface VmStartOptions {
  /** Environment variables that mark the process as a build's (kiln cleanup finds it by them). */
  marks?: Record<string, string>;
  /**
   * The process may have to outlive the plugin (the build's policy can leave
   * it): it gets its own process group and no parent-death signal; the
   * plugin's exit hook still kills it unless it is released.
   */
  mayOutlive?: boolean;
}

/** Everything the builder does to QEMU goes through here; tests use a fake. */
export interface QemuDriver {
  /** Runs qemu-img; rejects with its stderr on failure. */
  qemuImg(args: string[], signal?: AbortSignal): Promise<string>;
  /** Starts the emulator with these arguments. */
  start(
    binary: string,
    args: string[],
    log: (line: string) => void,
    options?: VmStartOptions,
  ): Promise<VmProcess>;
  /** Makes a 1.44 MB FAT floppy image holding `files` (flat) and `dirs` (whole trees), with mtools. */
  makeFloppy(
    image: string,
    label: string,
    files: string[],
    dirs: string[],
    signal?: AbortSignal,
  ): Promise<void>;
  /** Runs the emulator to its end, killing it after `timeoutMs`. */
  probe(binary: string, args: string[], timeoutMs: number): Promise<ProbeResult>;
}

/** How a short-lived QEMU run (the kvm probe) ended. */
export interface ProbeResult {
  code: number | null;
  timedOut: boolean;
  output: string;
}
