// `test` and `expect` for every spec under tests/e2e: each Playwright worker runs its own
// simulator (its own port, disks, clock and fault list), and `baseURL` points at it, so spec
// files run side by side without sharing state. Within a file, tests run in order on one
// worker, as before. The release build (dist/) is served by every simulator.
import { test as base, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SIM = fileURLToPath(new URL('../../target/debug/evs-sim', import.meta.url));

/** The simulator's settings for the flows: 3-second exports, seed 7, three leftover images. */
export const SIM_ARGS = ['--export-seconds', '3', '--seed', '7', '--leftovers', '3'];

/**
 * Starts `evs-sim --static DIR` on a free port with `args`; resolves with `{ child, url }` once
 * it prints its "listening on" line. Rejects if it exits first or stays silent for 30 s.
 */
export function startSimulator(dir, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(SIM, ['--port', '0', '--static', dir, '--quiet', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`evs-sim printed no "listening on" line within 30 s: ${out}`));
    }, 30_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`evs-sim exited (${code}) before listening: ${out}`)); });
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        child.stdout.resume();
        resolve({ child, url: m[1] });
      }
    });
  });
}

/** Stops a simulator started by `startSimulator` and waits for it to exit (2 s at most). */
export async function stopSimulator(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.removeAllListeners('exit');
  const gone = new Promise((resolve) => { child.once('exit', resolve); setTimeout(resolve, 2000).unref(); });
  child.kill('SIGTERM');
  await gone;
}

export const test = base.extend({
  simURL: [async ({}, use) => {
    const { child, url } = await startSimulator('dist', SIM_ARGS);
    try {
      await use(url);
    } finally {
      await stopSimulator(child);
    }
  }, { scope: 'worker' }],
  baseURL: async ({ simURL }, use) => {
    await use(simURL);
  },
});

export { expect };
