import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The server settings a developer's shell may carry, which would point a child away from its default. */
const SERVER_SETTINGS = [
  'SERVER_URL',
  'ZHICHENG_SERVER_URL',
  'DATABASE_URL',
  'SQLITE_FILE',
  'DEMO',
  'SERVER_PORT',
];

/** This process's environment without the server settings, plus `extra`: a child on the embedded default. */
export function embeddedDefaultEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of SERVER_SETTINGS) delete env[name];
  return { ...env, ...extra };
}

/**
 * The environment of a web host in `root` on the embedded default: its data folder, a stand-in renderer
 * page (the tests need none of the real one) and a free port.
 */
export async function standInWebHostEnv(
  root: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<NodeJS.ProcessEnv> {
  const rendererDir = path.join(root, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>职称系统</title>');
  return embeddedDefaultEnv({
    DATA_DIR: path.join(root, 'data'),
    RENDERER_DIR: rendererDir,
    WEB_PORT: '0',
    ...extra,
  });
}
