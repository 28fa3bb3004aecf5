// Whether the platform answers this phone (docs/field-app.md, "The outbox"). The browser's `navigator.onLine` only says
// that some network is there: a phone on a network with no route to the platform (a captive portal, a cell without
// data, a browser that keeps reporting the network it had) says "online". So the outbox's own sends and a light probe
// of `/api/health` decide: a send or probe that gets no answer at all marks the platform unreachable, and while it is,
// the probe repeats every `probeMs` until one is answered. The browser's `offline` is believed at once; its `online`
// starts a probe.

export type ConnectionEnv = {
  /** The browser's own view (`navigator.onLine`). */
  browserOnline(): boolean;
  /** Resolves when the platform answered (any HTTP status), rejects when nothing answered. */
  probe(): Promise<unknown>;
  every(fn: () => void, ms: number): () => void;
};

export type Connection = {
  reachable(): boolean;
  /** Asks the platform now; answers whether it answered. */
  check(): Promise<boolean>;
  /** A request got no answer at all. */
  noAnswer(): void;
  /** Tells `fn` each change; the probe repeats only while someone listens. */
  subscribe(fn: (reachable: boolean) => void): () => void;
  /** The browser's `online` / `offline` events. */
  browserChanged(online: boolean): void;
};

export const PROBE_MS = 5000;

export function createConnection(env: ConnectionEnv, probeMs = PROBE_MS): Connection {
  let reachable = env.browserOnline();
  const listeners = new Set<(reachable: boolean) => void>();
  let stopProbing: (() => void) | null = null;

  const schedule = () => {
    const wanted = !reachable && env.browserOnline() && listeners.size > 0;
    if (wanted && !stopProbing) stopProbing = env.every(() => void check(), probeMs);
    if (!wanted && stopProbing) {
      stopProbing();
      stopProbing = null;
    }
  };
  const set = (r: boolean) => {
    if (r !== reachable) {
      reachable = r;
      for (const fn of [...listeners]) fn(r);
    }
    schedule();
  };
  const check = async (): Promise<boolean> => {
    if (!env.browserOnline()) {
      set(false);
      return false;
    }
    const answered = await env.probe().then(
      () => true,
      () => false,
    );
    set(answered);
    return answered;
  };

  return {
    reachable: () => reachable,
    check,
    noAnswer: () => set(false),
    subscribe(fn) {
      listeners.add(fn);
      schedule();
      return () => {
        listeners.delete(fn);
        schedule();
      };
    },
    browserChanged(online) {
      if (online) void check();
      else set(false);
    },
  };
}

let page: Connection | null = null;

/** The page's connection: the browser's events, and `/api/health` (never answered from the service worker's copies). */
export function pageConnection(): Connection {
  if (page) return page;
  const made = createConnection({
    browserOnline: () => navigator.onLine,
    probe: () => fetch('/api/health', { cache: 'no-store', credentials: 'omit' }),
    every: (fn, ms) => {
      const id = window.setInterval(fn, ms);
      return () => window.clearInterval(id);
    },
  });
  window.addEventListener('online', () => made.browserChanged(true));
  window.addEventListener('offline', () => made.browserChanged(false));
  page = made;
  return made;
}
