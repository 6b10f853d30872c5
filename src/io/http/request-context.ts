// What every route handler is given about its request. Pure type.

/** One request as the routes see it. */
export interface RequestContext {
  readonly request: Request;
  /** The path exactly as received: percent-encoding kept, no query string (fan-in.md §1.2). */
  readonly path: string;
  /** The rate-limit and lockout key (fan-in.md §4.7). */
  readonly client: string;
  /** Monotonic milliseconds for rate-limit and lockout ages (fan-in.md §9.1). */
  readonly now: number;
}
