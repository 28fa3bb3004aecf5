import { describe, expect, it } from 'vitest';
import { createConnection, type ConnectionEnv } from './connection.ts';

/** A phone by hand: the browser's flag, whether the platform answers, and the probe's timer fired by the test. */
function phone(browserOnline: boolean, answers: boolean) {
  const state = { browserOnline, answers, probes: 0, timer: null as null | (() => void), intervalMs: 0 };
  const env: ConnectionEnv = {
    browserOnline: () => state.browserOnline,
    probe: () => {
      state.probes++;
      return state.answers ? Promise.resolve('ok') : Promise.reject(new TypeError('Failed to fetch'));
    },
    every: (fn, ms) => {
      state.timer = fn;
      state.intervalMs = ms;
      return () => {
        state.timer = null;
      };
    },
  };
  return { state, env };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('whether the platform answers', () => {
  it('a browser that says online while nothing answers is offline after the first check, and probes until it answers', async () => {
    const { state, env } = phone(true, false);
    const c = createConnection(env, 5000);
    const seen: boolean[] = [];
    c.subscribe((r) => seen.push(r));
    expect(c.reachable()).toBe(true);
    expect(await c.check()).toBe(false);
    expect(c.reachable()).toBe(false);
    expect(state.timer).not.toBeNull();
    expect(state.intervalMs).toBe(5000);
    // The network returns without the browser saying so: the next probe finds it.
    state.answers = true;
    state.timer!();
    await settle();
    expect(c.reachable()).toBe(true);
    expect(seen).toEqual([false, true]);
    // Reachable again: no more probing.
    expect(state.timer).toBeNull();
  });

  it('a send with no answer marks it unreachable; the browser going offline is believed without a probe', async () => {
    const { state, env } = phone(true, true);
    const c = createConnection(env);
    const off = c.subscribe(() => undefined);
    c.noAnswer();
    expect(c.reachable()).toBe(false);
    expect(state.timer).not.toBeNull();
    state.browserOnline = false;
    c.browserChanged(false);
    // Offline by the browser's word: nothing to probe until it says online.
    expect(state.timer).toBeNull();
    const before = state.probes;
    state.browserOnline = true;
    c.browserChanged(true);
    await settle();
    expect(state.probes).toBe(before + 1);
    expect(c.reachable()).toBe(true);
    off();
  });

  it('probes only while someone listens', async () => {
    const { state, env } = phone(true, false);
    const c = createConnection(env);
    await c.check();
    expect(state.timer).toBeNull();
    const off = c.subscribe(() => undefined);
    expect(state.timer).not.toBeNull();
    off();
    expect(state.timer).toBeNull();
  });
});
