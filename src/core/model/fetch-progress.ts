/** Progress events of a model fetch (see fetch-models.ts). */

export type FetchPhase = 'resolve' | 'download' | 'extract' | 'verify' | 'done';

export interface FetchProgress {
  readonly phase: FetchPhase;
  /** Download: bytes received so far. */
  readonly receivedBytes?: number;
  /** Download: Content-Length when the server sent one. */
  readonly totalBytes?: number;
  /** Extract/verify: the model id concerned. */
  readonly model?: string;
  /**
   * Download: 'npm' when npm fetches the tarball (npm has a proxy): no byte progress then,
   * one event when it starts and one with the size when it is done.
   */
  readonly via?: 'npm';
}

export type ProgressListener = (event: FetchProgress) => void;

export const emitProgress = (listener: ProgressListener | undefined, event: FetchProgress): void => {
  listener?.(event);
};
