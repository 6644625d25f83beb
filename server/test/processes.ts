import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Starting the server and the command line as a user does (through tsx), for process tests. */
export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface StartedServer {
  child: ChildProcess;
  /** Base URL, without the trailing slash. */
  url: string;
  output: () => string;
}

/** Environment for a child: no DATABASE_URL unless given, so it runs on the embedded database. */
function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH!, LOG_LEVEL: 'warn', ...env };
}

/** Start `server/src/main.ts` and wait for the URL it prints. */
export function startServer(env: Record<string, string>): Promise<StartedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: childEnv({ PORT: '0', ...env }),
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/Berceau est prêt : (http:\/\/\S+)/);
      if (m) resolve({ child, url: m[1].replace(/\/$/, ''), output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

/** SIGTERM, as Ctrl+C or a service manager would; resolves with the exit code. */
export function stopServer(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a Node entry point (default `server/src/cli.ts`) to its end. */
export function runProcess(
  args: string[],
  env: Record<string, string>,
  entry = 'server/src/cli.ts',
): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: ROOT,
      env: childEnv(env),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
