import { rmSync } from 'node:fs';

/** The signals that end a run from outside (Ctrl-C, kill, a closed terminal). */
const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Interrupt = (typeof INTERRUPTS)[number];

/** A temporary file removed if the process is interrupted before it is released. */
export interface InterruptGuard {
  /** Stop guarding: the file was renamed into place or removed. */
  release(): void;
  /** An interrupt removed the file (another listener kept the process alive): the write must stop. */
  readonly interrupted: boolean;
}

const guarded = new Map<string, { interrupted: boolean }>();
let listening = false;

/**
 * Removes `path` if SIGINT, SIGTERM or SIGHUP arrives before `release()`. The listeners stay once
 * added: removing them after a write could drop a signal that arrived during it (Node delivers a
 * signal on a later turn of the event loop, and one with no listener left is lost), and a signal
 * must never be ignored. When nothing else listens, the listener raises the signal again with its
 * default action, so the process ends exactly as it would have (exit status 128 + signal number).
 */
export function removeOnInterrupt(path: string): InterruptGuard {
  listen();
  const state = { interrupted: false };
  guarded.set(path, state);
  return {
    release: () => {
      guarded.delete(path);
    },
    get interrupted() {
      return state.interrupted;
    },
  };
}

function listen(): void {
  if (listening) return;
  listening = true;
  for (const signal of INTERRUPTS) process.on(signal, onInterrupt);
  // process.exit() mid-write (by whoever embeds the engine) skips finally blocks: clean up there too.
  process.on('exit', removeGuarded);
}

function removeGuarded(): void {
  for (const [path, state] of guarded) {
    state.interrupted = true;
    rmSync(path, { force: true });
  }
  guarded.clear();
}

function onInterrupt(signal: Interrupt): void {
  removeGuarded();
  if (process.listenerCount(signal) > 1) return; // someone else decides what this signal does
  for (const other of INTERRUPTS) process.off(other, onInterrupt);
  process.off('exit', removeGuarded);
  listening = false;
  process.kill(process.pid, signal);
}
