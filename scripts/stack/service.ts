// What every service of the local stack offers to `npm run stack`.

export interface AptRequirement {
  /** An executable name looked up on PATH, or an absolute path. */
  binary: string;
  aptPackage: string;
}

export interface Service {
  readonly name: string;
  readonly address: string;
  readonly requires: readonly AptRequirement[];
  /** Shown when the service fails, so the cause is on screen. */
  readonly logFiles: readonly string[];
  /** Deleted by `reset`. */
  readonly dataPaths: readonly string[];
  isRunning(): Promise<boolean>;
  isReady(): Promise<boolean>;
  /** Called only when the service is not running; resolves once it answers requests. */
  start(): Promise<void>;
  /** Called only when the service is running; resolves once its processes are gone. */
  stop(): Promise<void>;
}
