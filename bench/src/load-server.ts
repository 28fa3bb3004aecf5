/**
 * The server under load, started as its own process the way `npm start` starts it (apps/server/src/main.ts under
 * tsx's loader; the API and the worker in one process), with the bench's settings. Its pid is the node process
 * itself, so its resident memory can be read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';

const SERVER_DIR = path.resolve(import.meta.dirname, '../../apps/server');

export type ServerProcess = { pid: number; baseUrl: string; stop(): Promise<number | null>; output(): string };

/**
 * The bench's settings over the caller's environment: abuse limits far above the run's logins (every login of the
 * run comes from one address, and an attempt counts until it succeeds), no console build, and warnings only in the
 * log (a line per request at 'info' would measure the terminal).
 */
export function benchServerEnv(opts: { port: number; poolSize: number; database: Record<string, string> }): Record<string, string> {
  return {
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    WEB_DIST: '',
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: String(opts.poolSize),
    THROTTLE_LOGIN_ADDRESS: '100000/1',
    THROTTLE_LOGIN_ACCOUNT: '100000/1',
    // Documents are issued on PostgreSQL only with a public address set (the QR codes' verify links).
    PUBLIC_BASE_URL: `http://127.0.0.1:${opts.port}`,
    ...opts.database,
  };
}

function healthy(baseUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${baseUrl}/api/health`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

export async function startServer(env: Record<string, string>, timeoutMs = 600_000): Promise<ServerProcess> {
  // LOAD_SERVER_NODE_ARGS: extra node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see
  // where its time goes under load (the profile is written when the driver stops it).
  const nodeArgs = (process.env.LOAD_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  // LOAD_SERVER_LOG: a file that receives all of the server's output, e.g. with "--trace-gc" in LOAD_SERVER_NODE_ARGS
  // to see whether its heap or memory outside it grows under load.
  const logFile = process.env.LOAD_SERVER_LOG ? fs.createWriteStream(process.env.LOAD_SERVER_LOG) : null;
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
    logFile?.write(b);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  const t0 = Date.now();
  while (!(await healthy(baseUrl))) {
    if (gone) throw new Error(`the server stopped before it answered:\n${log}`);
    if (Date.now() - t0 > timeoutMs) {
      child.kill('SIGTERM');
      throw new Error(`the server did not answer within ${timeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    pid: child.pid!,
    baseUrl,
    output: () => log,
    async stop() {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** HTTP/1.1 keep-alive transport with one socket per officer. */
export function httpTransport(baseUrl: string, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const base = new URL(baseUrl);
  return {
    agent,
    transport: (req: { method: string; url: string; token: string; body?: unknown; raw?: { contentType: string; bytes: Buffer } }) =>
      new Promise<{ status: number; body: string }>((resolve) => {
        const payload = req.raw ? req.raw.bytes : req.body !== undefined ? Buffer.from(JSON.stringify(req.body)) : null;
        const headers: Record<string, string | number> = {};
        if (req.token) headers.authorization = `Bearer ${req.token}`;
        if (payload) {
          headers['content-type'] = req.raw ? req.raw.contentType : 'application/json';
          headers['content-length'] = payload.length;
        }
        const r = http.request(
          { agent, host: base.hostname, port: base.port, method: req.method, path: req.url, headers, timeout: 120_000 },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', (e) => resolve({ status: 0, body: String(e) }));
          },
        );
        // A failed connection or a timeout is an error of the run (status 0), never a crash of the driver.
        r.on('timeout', () => r.destroy(new Error('timeout after 120 s')));
        r.on('error', (e) => resolve({ status: 0, body: String(e) }));
        if (payload) r.write(payload);
        r.end();
      }),
  };
}
