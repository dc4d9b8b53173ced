/** Where the CLI writes, so tests can run it in-process and read what it printed. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stdout is a terminal: colours and a progress bar are allowed. */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY) && process.env.CI !== 'true',
    env: process.env,
    cwd: process.cwd(),
  };
}
