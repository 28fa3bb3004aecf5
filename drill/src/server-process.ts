// The real server as a child process: `node --import tsx src/main.ts`, one process, so SIGKILL hits the server itself
// and not a launcher in front of it (npx / the tsx CLI would leave the server running as an orphan).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_DIR = path.join(REPO_ROOT, 'apps/server');

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

function tail(file: string, bytes = 4000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-bytes);
  } catch {
    return '(no log)';
  }
}

/**
 * Start, kill -9 and restart one server on a fixed port and database. Writers wait on `ready()`; the server is
 * marked down before the signal is sent, so any failed request is seen after `up` turned false.
 */
export class ServerProcess {
  readonly baseUrl: string;
  private child: ChildProcess | null = null;
  private up = false;
  private waiters: (() => void)[] = [];
  /** When the current process answered its first health check (ms, performance clock). */
  upSince = 0;
  starts = 0;
  private downMs = 0;
  private downSince: number | null = null;
  readonly restartMs: number[] = [];

  constructor(private readonly opts: { port: number; env: NodeJS.ProcessEnv; logFile: string; startTimeoutMs: number; now: () => number }) {
    this.baseUrl = `http://127.0.0.1:${opts.port}`;
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Time the server has been down (killed, restarting) since its first start, up to `at`. */
  downtime(at: number): number {
    return this.downMs + (this.downSince !== null ? Math.max(0, at - this.downSince) : 0);
  }

  private markDown(): void {
    if (this.up) this.downSince = this.opts.now();
    this.up = false;
  }

  /** Resolves at once while the server is up, else when it next answers its health check. */
  ready(): Promise<void> {
    if (this.up) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  async start(): Promise<void> {
    const t0 = this.opts.now();
    fs.appendFileSync(this.opts.logFile, `\n===== drill: start #${this.starts + 1} at ${new Date().toISOString()} =====\n`);
    const out = fs.openSync(this.opts.logFile, 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: SERVER_DIR,
      // Documents are issued on PostgreSQL only with a public address set (the QR codes' verify links).
      env: { ...this.opts.env, PORT: String(this.opts.port), HOST: '127.0.0.1', WEB_DIST: '', PUBLIC_BASE_URL: this.baseUrl },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    this.child = child;
    this.starts++;
    await this.waitForHealth(child);
    if (this.starts > 1) this.restartMs.push(this.opts.now() - t0);
    this.up = true;
    this.upSince = this.opts.now();
    if (this.downSince !== null) this.downMs += this.upSince - this.downSince;
    this.downSince = null;
    for (const w of this.waiters.splice(0)) w();
  }

  private async waitForHealth(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + this.opts.startTimeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the server exited during start (${child.exitCode ?? child.signalCode})\n${tail(this.opts.logFile)}`);
      }
      try {
        const res = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`the server did not answer /api/health within ${this.opts.startTimeoutMs / 1000}s\n${tail(this.opts.logFile)}`);
  }

  /** kill -9: no shutdown hook runs, open transactions and unanswered requests die with the process. */
  async kill9(): Promise<void> {
    const child = this.child;
    this.markDown();
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  }

  /** A clean stop (SIGTERM: the server closes its database), so the database can be opened for the count. */
  async stop(): Promise<void> {
    const child = this.child;
    this.markDown();
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), sleep(30_000).then(() => true)]);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
  }

  /** For the drill's own exit paths: never leave a server behind. */
  killNow(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
