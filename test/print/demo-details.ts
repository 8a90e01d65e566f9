import { type GeneratedApplication, iterateApplications } from '../../src-server/demo/applications/generator';
import type { ApplicationDetail } from '../../src-shared/contracts/review-list';

/**
 * Applications as the core's cache hands them to the printer, from the demo generator: realistic content,
 * deterministic for a seed and a clock. The scans and history a detail carries do not reach the 公示表.
 */

export const DEMO_EMPLOYER = '重庆市示例人民医院';
/** A fixed clock, so the generated content (and the golden image) never changes with the day. */
export const DEMO_NOW = new Date('2026-05-06T10:00:00+08:00');

export function detailOf(app: GeneratedApplication, index: number): ApplicationDetail {
  return {
    id: `demo-${index}`,
    applicationNo: app.applicationNo,
    year: app.year,
    state: app.state,
    version: app.version,
    submitCount: app.submitCount,
    unitName: DEMO_EMPLOYER,
    applicantName: app.applicant.name,
    submittedAt: app.submittedAt,
    updatedAt: app.updatedAt,
    publicity: app.publicity,
    content: app.content,
    attachments: [],
    history: [],
    comments: [],
    previousContent: null,
  };
}

/** `count` applications in publicity (单位公示中), as a unit prints them. */
export function demoDetails(count: number, seed = 2026, firstIndex = 1): ApplicationDetail[] {
  return Array.from(
    iterateApplications({
      seed,
      count,
      now: DEMO_NOW,
      employer: DEMO_EMPLOYER,
      firstIndex,
      states: ['unitPublicity'],
    }),
    (app, i) => detailOf(app, firstIndex + i),
  );
}
