import { spawn } from 'node:child_process';

/** The machine's git settings must not change what is committed or ask for anything. */
function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
}

/** A failed git command, with what it printed. */
export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${subcommand(args)} failed: ${stderr.trim()}`);
    this.name = 'GitCommandError';
  }
}

/** `fetch` of `git -c k=v --git-dir d fetch …`: the options before it take a value each. */
function subcommand(args: string[]): string {
  let i = 0;
  while (args[i] === '-c' || args[i] === '--git-dir') i += 2;
  return args[i] ?? 'git';
}

/** Runs git with `input` on its standard input; resolves with its standard output. */
export function runGit(
  args: string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      env: gitEnv(options.env),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', chunk => out.push(chunk));
    child.stderr!.on('data', chunk => err.push(chunk));
    child.on('error', reject);
    child.on('close', code => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new GitCommandError(args, code, Buffer.concat(err).toString('utf8')),
        );
    });
    if (child.stdin) {
      // A command that exits before reading all of it fails on its own; its code says why.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}
