import { sql } from 'kysely';
import type { Express } from 'express';
import type { ServerContext } from '../context';
import { createMigrator } from '../db/migrate';

/**
 * What a load balancer and an operator ask: /healthz says the process answers, /readyz whether it
 * should get traffic (database reachable, every migration applied, not shutting down). Neither reads
 * a session nor says anything about the data.
 */
export function healthRoutes(app: Express, context: ServerContext): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const reason = await notReadyReason(context);
    if (reason === null) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'not ready', reason });
  });
}

async function notReadyReason({ db, config, lifecycle }: ServerContext): Promise<string | null> {
  // Draining first: a server on its way down says so even while its database still answers.
  if (lifecycle.draining) return 'shutting down';
  try {
    await sql`select 1`.execute(db);
    const migrations = await (await createMigrator(db, config.database.kind)).getMigrations();
    if (migrations.some((migration) => migration.executedAt === undefined)) return 'migrations pending';
  } catch {
    return 'database unreachable';
  }
  return null;
}
