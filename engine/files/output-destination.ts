import { lstatSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { AssayError } from '../errors/assay-error.js';

/**
 * How an output path is written:
 * - `replace`: a regular file (or none yet) at `path`, written beside itself and renamed over;
 * - `in-place`: a device, pipe or socket (/dev/stdout, /dev/null, a FIFO), opened and written as is.
 */
export type OutputDestination = { kind: 'replace'; path: string } | { kind: 'in-place'; path: string };

export interface DestinationOptions {
  /** Write to the file a symbolic link at the path points to (default: refuse). */
  followSymlinks?: boolean;
}

/**
 * Decides how to write `path`. A symbolic link is refused unless asked to follow it: a link planted
 * in a shared folder would otherwise make Assay overwrite whatever it points to. Paths in /dev and
 * /proc (/dev/stdout is a link to /proc/self/fd/1) are the system's, not planted, and are written
 * through.
 */
export function outputDestination(path: string, options: DestinationOptions = {}): OutputDestination {
  const absolute = resolve(path);
  const entry = lstatOrUndefined(absolute);
  if (!entry) return { kind: 'replace', path: absolute };
  if (entry.isDirectory()) throw new AssayError('OUTPUT_WRITE', 'Cannot write the output: it is a directory.', { file: path });
  if (entry.isFile()) return { kind: 'replace', path: absolute };
  if (!entry.isSymbolicLink()) return { kind: 'in-place', path: absolute };
  if (isSystemPath(absolute)) return { kind: 'in-place', path: absolute };
  if (!options.followSymlinks) {
    throw new AssayError(
      'OUTPUT_SYMLINK',
      'Refusing to write through a symbolic link (it could point at any file). Remove the link, name its target, or pass --follow-symlinks.',
      { file: path },
    );
  }
  let target: string;
  try {
    target = realpathSync(absolute);
  } catch (error) {
    throw new AssayError('OUTPUT_SYMLINK', `The symbolic link points at nothing (${(error as NodeJS.ErrnoException).code}).`, { file: path, cause: error });
  }
  const kind = statSync(target);
  if (kind.isDirectory()) throw new AssayError('OUTPUT_WRITE', `Cannot write the output: the link points at a directory (${target}).`, { file: path });
  return kind.isFile() ? { kind: 'replace', path: target } : { kind: 'in-place', path: target };
}

function isSystemPath(absolute: string): boolean {
  return absolute.startsWith(`${sep}dev${sep}`) || absolute.startsWith(`${sep}proc${sep}`);
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    throw new AssayError('OUTPUT_WRITE', `Cannot write the output: ${(error as Error).message}`, { file: path, cause: error });
  }
}
