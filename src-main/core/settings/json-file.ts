import { writeFileDurably } from '../../../src-node/fs/durable-write';

/**
 * Writes a settings file as pretty JSON, durably: after a crash or a power cut the file holds the old
 * settings or the new ones, never half a file (src-node/fs/durable-write.ts).
 */
export async function writeJsonDurably(file: string, value: unknown): Promise<void> {
  await writeFileDurably(file, `${JSON.stringify(value, null, 2)}\n`);
}
