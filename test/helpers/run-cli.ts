import { runCli } from '../../cli/main.js';
import { packageRoot } from '../../engine/package-root.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process (as `assay ...`) from the package root, capturing what it prints. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY: false,
    env: {},
    cwd: packageRoot(),
  });
  return { code, stdout, stderr };
}
