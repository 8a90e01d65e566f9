import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The web host serves dist/renderer: built here as `npm run web` builds it first, untimed. */
export function ensureRendererBuilt(): void {
  if (existsSync(path.join('dist', 'renderer', 'index.html'))) return;
  const built = spawnSync('npx', ['vite', 'build', '--config', 'src-renderer/vite.config.ts'], {
    stdio: 'inherit',
    timeout: 10 * 60_000,
  });
  if (built.status !== 0) throw new Error(`building the renderer failed (${built.status ?? built.signal})`);
}
