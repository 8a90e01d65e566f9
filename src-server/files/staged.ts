import type { FileStorage } from './storage';

/**
 * Files written before the transaction whose rows will name them: the bytes must exist before a row
 * does (a reader never finds a row without its file), and whatever the transaction did not end up
 * naming is deleted again, so a failed or unneeded write leaves no file without a row.
 */
export interface StagedFiles {
  /** The ids, in the order of the contents given. */
  readonly ids: readonly string[];
  /** Deletes every staged file except those kept (the ones the committed rows name). */
  discard(keep?: ReadonlySet<string>): Promise<void>;
}

/** Puts each content in the storage; when one put fails, the ones already put are deleted. */
export async function stageFiles(files: FileStorage, contents: readonly Uint8Array[]): Promise<StagedFiles> {
  const ids: string[] = [];
  const discard = async (keep: ReadonlySet<string> = new Set()) => {
    for (const id of ids) if (!keep.has(id)) await files.delete(id);
  };
  try {
    for (const content of contents) ids.push(await files.put(content));
  } catch (error) {
    await discard();
    throw error;
  }
  return { ids, discard };
}
