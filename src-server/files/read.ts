import type { Logger } from 'pino';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { FileStorage } from './storage';
import { StoredFileMissing } from './storage';

/** What every route that hands out a stored scan answers when the row outlived its bytes. */
export const STORED_FILE_MISSING = '文件已不在服务器上,请联系上传人重新上传';

/**
 * The bytes of a file a row names, for a route to send. A file the storage lacks is the caller's 404
 * with a message they can act on, not a 500: the row is fine, its scan is gone (or this instance looks
 * in another folder than the one it was uploaded to, which the log line makes visible to the operator).
 */
export async function readStoredFile(
  files: FileStorage,
  fileId: string,
  logger: Pick<Logger, 'warn'>,
): Promise<Buffer> {
  try {
    return await files.get(fileId);
  } catch (error) {
    if (!(error instanceof StoredFileMissing)) throw error;
    logger.warn({ fileId }, 'a file named in the database is missing from the file storage');
    throw new AppFailure('NOT_FOUND', STORED_FILE_MISSING);
  }
}
