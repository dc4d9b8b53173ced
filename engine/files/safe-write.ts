import { closeSync, constants, existsSync, fsync, fsyncSync, openSync, renameSync, rmSync, stat, write, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { dirname } from 'node:path';
import { AssayError } from '../errors/assay-error.js';
import { createExclusiveTempFile, PRIVATE_FILE_MODE } from './exclusive-temp-file.js';
import { removeOnInterrupt } from './interrupt-cleanup.js';
import { outputDestination, type DestinationOptions } from './output-destination.js';

export { PRIVATE_FILE_MODE };

export interface SafeWriteOptions extends DestinationOptions {
  /** Mode of the file written (default 0600), set exactly whatever the umask. */
  mode?: number;
}

/** Content in pieces: text (UTF-8) or bytes. */
type Piece = string | Uint8Array;

const writeAsync = (fd: number, bytes: Uint8Array, offset: number): Promise<number> =>
  new Promise((done, fail) => write(fd, bytes, offset, bytes.length - offset, null, (error, written) => (error ? fail(error) : done(written))));
const fsyncAsync = promisify(fsync);

/**
 * Writes a file so that a crash, a kill or an error at any point leaves either the earlier file or
 * the complete new one, never a part: the pieces go to an exclusive temporary file beside it
 * (see createExclusiveTempFile), which is flushed to disk (fsync) and renamed over the path; the
 * folder is flushed too, so the rename survives a power loss. The temporary file is removed on
 * any error, and on SIGINT/SIGTERM/SIGHUP (see removeOnInterrupt). A symbolic link at the path is
 * refused unless `followSymlinks`; devices and pipes are written in place (see outputDestination).
 *
 * Asynchronous: between pieces the event loop turns, so an interrupt is handled during the write.
 */
export async function writeFileSafely(path: string, pieces: Iterable<Piece> | AsyncIterable<Piece>, options: SafeWriteOptions = {}): Promise<void> {
  const sink = openSink(path, options);
  try {
    for await (const piece of pieces) {
      await writeAllAsync(path, sink.fd, piece);
      if (sink.interrupted()) throw new AssayError('OUTPUT_INTERRUPTED', 'The write was interrupted; the earlier file is unchanged.', { file: path });
    }
    if (sink.durable) await fsErrors(path, () => fsyncAsync(sink.fd));
    sink.commit();
  } catch (error) {
    sink.abandon();
    throw error;
  }
}

/**
 * The same, synchronously (for callers that cannot wait). An interrupt during the write is
 * handled when it ends: the file is complete by then, and the signal then ends the process.
 */
export function writeFileSafelySync(path: string, pieces: Iterable<Piece>, options: SafeWriteOptions = {}): void {
  const sink = openSink(path, options);
  try {
    for (const piece of pieces) writeAllSync(path, sink.fd, piece);
    sink.commit();
  } catch (error) {
    sink.abandon();
    throw error;
  } finally {
    // A signal that came during the write waits for the event loop's poll phase; a process ending
    // right after would never reach it and exit as if no Ctrl-C had come. A pending I/O call keeps
    // the loop alive until a poll phase, which delivers the signal (a timer can fire before one).
    if (sink.durable) stat(path, () => {});
  }
}

/** Where the pieces go, and how the write ends. */
interface Sink {
  fd: number;
  /** A temporary file that is flushed and renamed; false when writing in place. */
  durable: boolean;
  interrupted(): boolean;
  commit(): void;
  abandon(): void;
}

/** Folders that take no new file; a file in one may still be rewritten in place. */
const NO_NEW_FILE = ['EACCES', 'EPERM', 'EROFS'];

function openSink(path: string, options: SafeWriteOptions): Sink {
  const destination = outputDestination(path, options);
  const mode = options.mode ?? PRIVATE_FILE_MODE;
  if (destination.kind === 'in-place') return inPlaceSink(path, fsErrorsSync(path, () => openSync(destination.path, 'w')));
  let created: { temporary: string; fd: number };
  try {
    created = createExclusiveTempFile(destination.path, mode);
  } catch (error) {
    // As before: a report in a read-only folder is still rewritten if the file itself takes it (never through a link).
    if (NO_NEW_FILE.includes((error as NodeJS.ErrnoException).code ?? '') && existsSync(destination.path)) {
      const fd = fsErrorsSync(path, () => openSync(destination.path, constants.O_WRONLY | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0)));
      return inPlaceSink(path, fd);
    }
    throw asWriteError(path, error);
  }
  const { temporary, fd } = created;
  const guard = removeOnInterrupt(temporary);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    closeSync(fd);
  };
  return {
    fd,
    durable: true,
    interrupted: () => guard.interrupted,
    commit: () => {
      fsErrorsSync(path, () => {
        fsyncSync(fd);
        close();
        renameSync(temporary, destination.path);
      });
      guard.release();
      syncFolder(dirname(destination.path));
    },
    abandon: () => {
      try {
        close();
      } finally {
        rmSync(temporary, { force: true });
        guard.release();
      }
    },
  };
}

function inPlaceSink(path: string, fd: number): Sink {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    closeSync(fd);
  };
  return { fd, durable: false, interrupted: () => false, commit: () => fsErrorsSync(path, close), abandon: close };
}

/** Makes the rename durable. Best effort: some systems cannot open or fsync a folder. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // the file itself is complete and in place
  }
}

const bytesOf = (piece: Piece): Uint8Array => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);

/** write(2) may take part of a buffer: the rest is written after it. */
function writeAllSync(path: string, fd: number, piece: Piece): void {
  const bytes = bytesOf(piece);
  fsErrorsSync(path, () => {
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
  });
}

async function writeAllAsync(path: string, fd: number, piece: Piece): Promise<void> {
  const bytes = bytesOf(piece);
  await fsErrors(path, async () => {
    for (let offset = 0; offset < bytes.length; ) offset += await writeAsync(fd, bytes, offset);
  });
}

/** A failed system call as an AssayError naming the file; anything else (the content's own errors) as is. */
function asWriteError(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (typeof code !== 'string' || !(error as NodeJS.ErrnoException).syscall) return error;
  return new AssayError('OUTPUT_WRITE', `Cannot write the output: ${(error as Error).message}`, { file: path, cause: error });
}

function fsErrorsSync<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw asWriteError(path, error);
  }
}

async function fsErrors<T>(path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asWriteError(path, error);
  }
}
