import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { AssayError, type AssayErrorCode } from './assay-error.js';
import { megabytes } from './input-limits.js';

/**
 * Input files are opened only when they are regular files: a FIFO blocks the open until a
 * writer comes, /dev/zero and /dev/urandom never end, a directory fails with a bare EISDIR.
 * The path is stat'ed before the open (so a FIFO never blocks it) and the open file is fstat'ed
 * again (a path swapped in between is caught); O_NONBLOCK keeps a FIFO swapped in from blocking.
 */

/** What an input is, for its errors: "snapshot", "scan result", "exceptions file"; its read error code. */
export interface InputKind {
  what: string;
  code: AssayErrorCode;
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notRegular(path: string, kind: InputKind, what: string): AssayError {
  return new AssayError(kind.code, `Cannot read the ${kind.what} ${path}: it is ${what}, not a regular file.`, { file: path });
}

function cannotRead(path: string, kind: InputKind, error: unknown): AssayError {
  return new AssayError(kind.code, `Cannot read the ${kind.what} ${path}: ${(error as Error).message}`, { file: path, cause: error });
}

/** An open regular file and its size. */
export interface OpenFile {
  handle: FileHandle;
  size: number;
}

/** Opens a regular file for reading (see above); any other path is an error naming it. */
export async function openRegularFile(path: string, kind: InputKind): Promise<OpenFile> {
  let handle: FileHandle | undefined;
  try {
    const before = kindOf(await stat(path));
    if (before) throw notRegular(path, kind, before);
    handle = await open(path, OPEN_FLAGS);
    const stats = await handle.stat();
    const after = kindOf(stats);
    if (after) throw notRegular(path, kind, after);
    return { handle, size: stats.size };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    throw error instanceof AssayError ? error : cannotRead(path, kind, error);
  }
}

/**
 * The bytes of a regular file of at most `maxBytes` (checked before reading: the size is known),
 * else an INPUT_LIMIT error naming the file and `hint` (how to raise the limit).
 */
export function readRegularFileSync(path: string, kind: InputKind, maxBytes: number, hint: string): Buffer {
  let fd: number | undefined;
  try {
    const before = kindOf(statSync(path));
    if (before) throw notRegular(path, kind, before);
    fd = openSync(path, OPEN_FLAGS);
    const stats = fstatSync(fd);
    const after = kindOf(stats);
    if (after) throw notRegular(path, kind, after);
    if (stats.size > maxBytes) {
      throw new AssayError('INPUT_LIMIT', `The ${kind.what} is ${megabytes(stats.size)}, more than the limit of ${megabytes(maxBytes)}: ${hint}.`, { file: path });
    }
    const bytes = Buffer.allocUnsafe(stats.size);
    let read = 0;
    while (read < stats.size) {
      const n = readSync(fd, bytes, read, Math.min(stats.size - read, 1 << 30), read);
      if (n === 0) break;
      read += n;
    }
    return read === stats.size ? bytes : bytes.subarray(0, read);
  } catch (error) {
    throw error instanceof AssayError ? error : cannotRead(path, kind, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
