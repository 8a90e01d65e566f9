import type { RunningServer } from '../../src-server/listen';
import { DEMO_APPLICANT_PASSWORD } from '../../src-server/demo/seed';
import {
  applicantApplicationSchema,
  type ApplicantApplication,
} from '../../src-shared/contracts/applications';
import type { ApplicationContent } from '../../src-shared/domain/catalog-types';
import { loginToken, requestJson } from './review-server';

/**
 * The applicant's side of a journey, through the applicant API as another client would use it: the
 * demo applicant of an application signs in with the shared demo password, edits what the reviewer asked
 * for and submits again.
 */
export async function resubmitAsApplicant(
  server: Pick<RunningServer, 'url' | 'platform'>,
  applicationId: string,
  edit: (content: ApplicationContent) => void,
): Promise<ApplicantApplication> {
  // Only the account name comes from the database: the demo's applicants are not listed anywhere else.
  const { account } = await server.platform.db
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .select('u.account')
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow();
  const token = await loginToken(server.url, account, DEMO_APPLICANT_PASSWORD);

  const listed = await requestJson(server.url, 'GET', '/api/applicant/applications', token);
  const mine = applicantApplicationSchema
    .array()
    .parse((listed.body as { applications: unknown }).applications)
    .find((application) => application.id === applicationId);
  if (!mine) throw new Error(`${account} does not see application ${applicationId}`);

  const content = structuredClone(mine.content);
  edit(content);
  const saved = await call(server.url, '/api/applicant/applications', token, {
    id: mine.id,
    baseVersion: mine.version,
    unitId: mine.unitId,
    content,
  });
  return call(server.url, `/api/applicant/applications/${mine.id}/resubmit`, token, {
    baseVersion: saved.version,
  });
}

async function call(serverUrl: string, pathname: string, token: string, body: unknown) {
  const res = await requestJson(serverUrl, 'POST', pathname, token, body);
  if (res.status !== 200) throw new Error(`${pathname}: ${res.status} ${JSON.stringify(res.body)}`);
  return applicantApplicationSchema.parse(res.body);
}
