import { constants, fchmodSync, openSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** Mode of every file Assay writes: snapshots and reports hold account data, for the owner alone. */
export const PRIVATE_FILE_MODE = 0o600;

/** Names longer than this are cut, so the temporary name stays within NAME_MAX (255 bytes). */
const MAX_STEM = 200;
const ATTEMPTS = 5;

/**
 * Creates a new, empty file beside `path`, named `.NAME.<16 random hex digits>.tmp`, and opens it
 * for writing. O_CREAT|O_EXCL fails on any existing entry (a planted link included) rather than
 * open it, O_NOFOLLOW says the same for links explicitly, and 64 random bits make the name
 * impossible to guess ahead. The mode is set with fchmod, so it is exact whatever the umask.
 */
export function createExclusiveTempFile(path: string, mode = PRIVATE_FILE_MODE): { temporary: string; fd: number } {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const stem = basename(path).slice(0, MAX_STEM);
  for (let attempt = 1; ; attempt++) {
    const temporary = join(dirname(path), `.${stem}.${randomBytes(8).toString('hex')}.tmp`);
    let fd: number;
    try {
      fd = openSync(temporary, flags, mode);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < ATTEMPTS) continue;
      throw error;
    }
    fchmodSync(fd, mode);
    return { temporary, fd };
  }
}
