/** The few operations the thread pool needs from a platform's workers (Node or Web). */
export interface ThreadHandle {
  post(message: unknown, transfer?: readonly unknown[]): void;
  onMessage(handler: (message: unknown) => void): void;
  onError(handler: (error: Error) => void): void;
  /** keep the process alive while `busy` (Node); a no-op on the web */
  ref(busy: boolean): void;
  terminate(): Promise<void>;
}

/** The current worker's side of the channel. */
export interface ThreadPort {
  post(message: unknown): void;
  onMessage(handler: (message: unknown) => void): void;
}
