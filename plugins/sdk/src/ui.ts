/** Progress of a long transfer (download, upload, pull, push). */
export interface Progress {
  /** Stable per transfer. */
  id: string;
  label: string;
  current: number;
  /** 0 when unknown. */
  total: number;
  done?: boolean;
}

/**
 * Output to the user, attributed to one build. `say` is a headline
 * ("==> name: text"), `message` a detail line ("    name: text").
 */
export interface Ui {
  say(text: string): void;
  message(text: string): void;
  error(text: string): void;
  progress(update: Progress): void;
  /** Asks the user; rejects when no one can answer (no terminal). */
  ask(question: string): Promise<string>;
}
