/**
 * The few operations the thread pool needs from a platform's workers (Node or Web).
 * @category Threads
 */
export interface ThreadHandle {
  /**
   * Sends a structured-cloneable message to the worker; `transfer` lists objects (ArrayBuffers,
   * ports) moved rather than copied.
   */
  post(message: unknown, transfer?: readonly unknown[]): void;
  /** Registers the handler of the worker's messages (one handler; a later call replaces it). */
  onMessage(handler: (message: unknown) => void): void;
  /** Registers the handler of an uncaught error in the worker (one handler). */
  onError(handler: (error: Error) => void): void;
  /** keep the process alive while `busy` (Node); a no-op on the web */
  ref(busy: boolean): void;
  /** Stops the worker; resolves once it has exited. */
  terminate(): Promise<void>;
}

/**
 * The current worker's side of the channel.
 * @category Threads
 */
export interface ThreadPort {
  /** Sends a structured-cloneable message to the thread that started this worker. */
  post(message: unknown): void;
  /** Registers the handler of the messages the starting thread posts (one handler). */
  onMessage(handler: (message: unknown) => void): void;
}
