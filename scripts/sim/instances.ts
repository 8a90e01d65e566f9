import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { announcesListening } from '../../src-server/listen';

/**
 * The platform server instances of the simulation: separate processes (`tsx src-server/cli.ts`) on one
 * PostgreSQL and one files folder, as a province would run them behind a load balancer. Each can be
 * killed with SIGKILL (no shutdown, answers in flight are lost) and started again on its port.
 */

const START_TIMEOUT_MS = 120_000;
const REPO = path.resolve(import.meta.dirname, '..', '..');

export interface InstanceSettings {
  databaseUrl: string;
  filesDir: string;
  logDir: string;
}

export class ServerInstance {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  starts = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly settings: InstanceSettings,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    this.starts += 1;
    this.log ??= createWriteStream(path.join(this.settings.logDir, `${this.name}.log`), { flags: 'a' });
    const unlimited = '1000000';
    // tsx as a loader, not its CLI: the CLI runs the server in a child process of its own, which a SIGKILL
    // of the CLI would leave running (and listening) as an orphan.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts'], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SERVER_HOST: '127.0.0.1',
        SERVER_PORT: String(this.port),
        DATABASE_URL: this.settings.databaseUrl,
        FILES_DIR: this.settings.filesDir,
        DEMO: 'true',
        // Every simulated client comes from 127.0.0.1: the per-IP limits would stop the province at once.
        RATE_LIMIT_LOGIN_PER_MINUTE: unlimited,
        RATE_LIMIT_CAPTCHA_PER_MINUTE: unlimited,
        RATE_LIMIT_SMS_PER_MINUTE: unlimited,
        RATE_LIMIT_FLOWS_PER_MINUTE: unlimited,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let listening = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      // The server says where it listens once it does; waiting for this child's own line (not just any
      // answer on the port) proves that the answering process is the one just started.
      if (announcesListening(chunk.toString(), this.url)) listening = true;
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    await this.waitUntilAnswering(child, () => listening);
  }

  /** SIGKILL: the process gets no chance to finish what it was doing. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === null || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, then SIGKILL if it has not stopped within a few seconds. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child !== null && this.running) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    this.log?.end();
    this.log = null;
  }

  /** The end of its log, for a failure report (the logs go with the work folder). */
  logTail(lines = 15): string {
    try {
      return readFileSync(path.join(this.settings.logDir, `${this.name}.log`), 'utf8')
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** For an exit handler that cannot wait. */
  killNow(): void {
    if (this.running) this.child?.kill('SIGKILL');
  }

  private async waitUntilAnswering(child: ChildProcess, listening: () => boolean): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.name} exited while starting (see ${this.name}.log)`);
      }
      if (listening()) {
        const res = await fetch(`${this.url}/api/info`, { signal: AbortSignal.timeout(5_000) });
        if (res.ok) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${this.name} did not answer within ${START_TIMEOUT_MS / 1000} s`);
  }
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}
