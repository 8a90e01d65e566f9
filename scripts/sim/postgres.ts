import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * The simulation's PostgreSQL: a database of its own, dropped afterwards. With DATABASE_URL it is a
 * fresh database on that server; without, a throwaway cluster made with initdb as .ci/run does (owned
 * by the postgres user when we run as root, on a private port and socket directory).
 */

export interface SimDatabase {
  url: string;
  dispose(): Promise<void>;
}

export async function openSimDatabase(adminUrl: string | undefined, port: number): Promise<SimDatabase> {
  if (adminUrl !== undefined) return freshDatabaseOn(adminUrl);
  return throwawayCluster(port);
}

async function freshDatabaseOn(adminUrl: string): Promise<SimDatabase> {
  const name = `zhicheng_sim_${process.pid}_${Date.now()}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dispose: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  if (newest === undefined)
    throw new Error(`No PostgreSQL under ${root}: install postgresql or set DATABASE_URL`);
  return path.join(root, newest, 'bin');
}

async function throwawayCluster(port: number): Promise<SimDatabase> {
  const bin = postgresBin();
  const root = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-sim-pg-'));
  // initdb refuses to run as root: the cluster belongs to the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  const run = (tool: string, args: string[]) => {
    const command = path.join(bin, tool);
    if (asRoot) {
      const line = [command, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', line], { stdio: 'ignore' });
    } else {
      execFileSync(command, args, { stdio: 'ignore' });
    }
  };
  const data = path.join(root, 'data');
  let started = false;
  const stop = () => {
    if (started) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // Already gone; the folder goes anyway.
      }
      started = false;
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
    started = true;
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(root, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      'start',
    ]);
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await adminQuery(adminUrl, 'create database zhicheng_sim');
  } catch (error) {
    stop();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/zhicheng_sim`,
    dispose: async () => stop(),
  };
}
