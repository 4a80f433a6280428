// Starts the real voxloop binary for a test: a temp data dir, a free loopback port, SQLite
// or a fresh database on the PostgreSQL test cluster (VOXLOOP_TEST_PG_URL_FILE).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';

export const BIN = process.env.VOXLOOP_BIN ?? new URL('../../../build/voxloop', import.meta.url).pathname;

export function backends() {
  const only = process.env.VOXLOOP_E2E_BACKENDS;
  return only ? only.split(',') : ['sqlite', 'postgres'];
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export function freshPostgresUrl() {
  const file = process.env.VOXLOOP_TEST_PG_URL_FILE;
  if (!file) throw new Error('PostgreSQL e2e tests need the test cluster (run them through ctest)');
  const adminUrl = readFileSync(file, 'utf8').trim();
  const name = `e2e_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  execFileSync('psql', [adminUrl, '-q', '-c', `CREATE DATABASE ${name}`]);
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

// Runs `voxloop admin …`; returns stdout trimmed.
export function admin(server, args, input) {
  return execFileSync(BIN, ['admin', ...args, ...server.storageArgs], {
    input: input ?? '', encoding: 'utf8', env: { ...process.env, ...server.env },
  }).trim();
}

export class VoxloopServer {
  constructor({ backend = 'sqlite', extraArgs = [], dataDir, databaseUrl } = {}) {
    this.backend = backend;
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'voxloop-e2e-'));
    this.databaseUrl = databaseUrl ?? (backend === 'postgres' ? freshPostgresUrl() : undefined);
    this.storageArgs = ['--data-dir', this.dataDir, ...(this.databaseUrl ? ['--database', this.databaseUrl] : [])];
    this.extraArgs = extraArgs;
    this.env = {};
    this.output = '';
  }

  async start() {
    this.port = await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    this.process = spawn(BIN, ['serve', '--listen', `127.0.0.1:${this.port}`, '--no-demo',
      '--no-access-log', ...this.storageArgs, ...this.extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...this.env },
    });
    this.process.stdout.on('data', (chunk) => { this.output += chunk; });
    this.process.stderr.on('data', (chunk) => { this.output += chunk; });
    this.exited = new Promise((resolve) => this.process.on('exit', resolve));
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.base}/healthz`);
        if (response.ok) return this;
      } catch { /* not up yet */ }
      if (this.process.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`voxloop did not start:\n${this.output}`);
  }

  async kill(signal = 'SIGKILL') {
    if (!this.process || this.process.exitCode !== null) return;
    this.process.kill(signal);
    await this.exited;
  }

  async stop() {
    await this.kill('SIGTERM');
  }

  cleanup() {
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

// A workspace with one API token per role (and the owner's id), provisioned by the CLI.
export function provision(server, name = 'E2E Shop') {
  const workspace = admin(server, ['create-workspace', '--name', name, '--timezone', 'Asia/Ho_Chi_Minh']);
  const tokens = {};
  for (const role of ['owner', 'admin', 'analyst', 'agent', 'viewer']) {
    tokens[role] = admin(server, ['create-token', '--workspace', workspace, '--role', role, '--name', `${role} token`]);
  }
  return { workspace, tokens };
}
