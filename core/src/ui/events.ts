import type { Artifact, Progress } from '@kiln/plugin-sdk';

/** How loud a line is: a headline, a detail line or an error. */
export type UiLevel = 'say' | 'message' | 'error';

/** The result of one build, as the final summary shows it. */
export interface BuildSummary {
  name: string;
  artifacts: Artifact[];
  /** Set when the build failed or was cancelled. */
  error?: string;
}

/**
 * Everything a build run shows the user. The runner emits these; an
 * {@link OutputSink} renders them (Packer's human form, -machine-readable,
 * or JSON lines).
 */
export type OutputEvent =
  | { type: 'start'; builds: string[] }
  /** A line from a build; `source` is set for post-processor output ("name (type)"). */
  | { type: 'ui'; build: string; source?: string; level: UiLevel; text: string }
  | { type: 'progress'; build: string; progress: Progress }
  /** A line that belongs to no build (interrupts, debug notices). */
  | { type: 'notice'; level: 'say' | 'error'; text: string }
  | { type: 'build-finished'; build: string; durationMs: number }
  | { type: 'build-errored'; build: string; durationMs: number; error: string }
  | { type: 'summary'; durationMs: number; builds: BuildSummary[]; interrupted: boolean }
  | CacheStepEvent;

/** kiln build -cache: what happened to one provisioner step. */
export interface CacheStepEvent {
  type: 'cache-step';
  build: string;
  /** 1-based position of the provisioner. */
  step: number;
  provisioner: string;
  /** restored: the machine started with it done; ran: it ran; saved / not-saved: its state after it ran. */
  action: 'restored' | 'ran' | 'saved' | 'not-saved';
  key: string;
  /** What the builder saved it as (saved). */
  entryId?: string;
  sizeBytes?: number;
  /** Why it was not saved. */
  reason?: string;
}

/** Renders output events somewhere (usually stdout). */
export interface OutputSink {
  emit(event: OutputEvent): void;
  /** Asks the user a question on behalf of a build; rejects when no one can answer. */
  ask(build: string, question: string): Promise<string>;
}

/** Hides sensitive values in a line of text. */
export type Masker = (text: string) => string;
