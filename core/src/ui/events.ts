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
  | CacheStepEvent
  | FilesReturnedEvent
  | PodFilesEvent;

/** A file, relative to the template's directory ('/'-separated), and its size in bytes. */
export interface FileEntry {
  path: string;
  size: number;
}

/** -executor=kubernetes: the files a build wrote in its pod, written here under the template's directory. */
export interface FilesReturnedEvent {
  type: 'files-returned';
  build: string;
  files: FileEntry[];
}

/**
 * -executor=kubernetes, printed by the build's pod (its `-output=json`
 * stream is how they travel): the files the build created or changed under
 * its directory, as a gzipped tar in base64 parts, then an `end` naming them
 * with the archive's SHA-256; or `over` when they did not fit `maxBytes`
 * (compressed), naming them with their sizes, and nothing else.
 */
export type PodFilesEvent =
  | { type: 'pod-files'; build: string; kind: 'part'; part: number; data: string }
  | {
      type: 'pod-files';
      build: string;
      kind: 'end';
      parts: number;
      bytes: number;
      sha256: string;
      files: FileEntry[];
      /** How many more files there are than `files` names (a long list is cut short). */
      more?: number;
    }
  | { type: 'pod-files'; build: string; kind: 'over'; maxBytes: number; files: FileEntry[]; more?: number };

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
