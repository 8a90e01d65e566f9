import { createHash } from 'node:crypto';
import { AppFailure } from '../../src-shared/contracts/errors';
import { checkScan } from '../../src-shared/domain/scan-structure';
import { LICENCE_MAX_BYTES, licenceProblem } from '../../src-shared/domain/units';
import type { DeclareRoute } from '../http/route';
import { scanDisplayName } from './display-name';
import { insertWithinQuota } from './unused';

/** The form's field that shows problems with the scan. */
const FIELD = 'licenceFileId';

/** What a body too large for even the upload limit is told: the same as a scan over 10 MB. */
const TOO_LARGE = licenceProblem(LICENCE_MAX_BYTES + 1, null) ?? '';

/**
 * Base64 makes 10 MB into 13.4 MB of JSON; 14 MB leaves room for the field names and nothing much
 * else. Only this route takes more than the usual 1 MB.
 */
export const UPLOAD_BODY_LIMIT_BYTES = 14 * 1024 * 1024;

/**
 * Standard base64 with padding, as FileReader and Buffer write it. Buffer.from would silently skip
 * anything else. (A single character class: a repeated group overflows the regex stack on 13 MB.)
 */
const isBase64 = (s: string) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);

/**
 * Upload of a scan: the 营业执照/法人证书 of a unit registration, or an application's attachment. The type
 * comes from the content, never the name (a renamed text file stays a text file), the whole file must be
 * well-formed for that type, and the stored name is made from the typed one with the type's extension.
 * The file belongs to its uploader: only they may attach it, and until they do it counts against
 * their quota of unused uploads (unused.ts).
 */
export function fileRoutes(route: DeclareRoute) {
  route(
    'uploadLicence',
    async ({ fileName, contentBase64 }, { db, config, files, session, now }) => {
      if (!isBase64(contentBase64)) {
        const message = '文件内容无法读取,请重新选择文件';
        throw new AppFailure('BAD_REQUEST', message, { [FIELD]: message });
      }
      const content = Buffer.from(contentBase64, 'base64');
      const check = checkScan(content);
      if (!check.ok) {
        const code = check.tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
        throw new AppFailure(code, check.message, { [FIELD]: check.message });
      }
      const { mimeType } = check;
      const name = scanDisplayName(fileName, mimeType);
      const id = await files.put(content);
      try {
        await insertWithinQuota(db, config, {
          id,
          owner_user_id: session.userId,
          file_name: name,
          mime_type: mimeType,
          size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          created_at: now().toISOString(),
        });
      } catch (error) {
        await files.delete(id);
        throw error;
      }
      return { fileId: id, fileName: name, mimeType, size: content.length };
    },
    {
      bodyLimit: { limitBytes: UPLOAD_BODY_LIMIT_BYTES, message: TOO_LARGE, fields: { [FIELD]: TOO_LARGE } },
    },
  );
}
