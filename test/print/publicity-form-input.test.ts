import { describe, expect, it } from 'vitest';
import { publicityFormInputOf } from '../../src-main/core/print/publicity-form-input';
import {
  GRID_UNITS,
  PUBLICITY_FIELD_IDS,
  PUBLICITY_FIELDS,
  PUBLICITY_FORM_GRID,
} from '../../src-main/core/print/publicity-form-layout';
import { ACHIEVEMENTS_LISTED } from '../../src-main/core/print/publicity-form-values';
import type { ApplicationDetail } from '../../src-shared/contracts/review-list';
import { fieldByKey, type FieldValues, sectionByKey } from '../../src-shared/domain/catalog';
import { maskIdNumber } from '../../src-shared/domain/masking';
import { demoDetails } from './demo-details';

const DETAILS = demoDetails(60);

function single(detail: ApplicationDetail, sectionKey: string): FieldValues {
  const values = detail.content[sectionKey];
  if (values === undefined || Array.isArray(values)) throw new Error(`${sectionKey} is not single`);
  return values;
}

function rows(detail: ApplicationDetail, sectionKey: string): FieldValues[] {
  const values = detail.content[sectionKey];
  return Array.isArray(values) ? values : [];
}

describe('the 公示表 layout', () => {
  it('fills every row of the grid to its full width', () => {
    for (const entry of PUBLICITY_FORM_GRID) {
      const rowsOfEntry = entry.kind === 'row' ? [entry] : entry.rows;
      const lead = entry.kind === 'group' ? entry.span : 0;
      for (const row of rowsOfEntry) {
        expect(lead + row.cells.reduce((sum, cell) => sum + cell.span, 0)).toBe(GRID_UNITS);
      }
    }
  });

  it('shows every field of the application exactly once', () => {
    const shown = PUBLICITY_FORM_GRID.flatMap((entry) => (entry.kind === 'row' ? [entry] : entry.rows))
      .flatMap((row) => row.cells)
      .flatMap((cell) => (cell.kind === 'value' ? [cell.field] : []));
    for (const id of PUBLICITY_FIELD_IDS) expect(shown.filter((field) => field === id)).toHaveLength(1);
  });

  it('takes labels from the catalog where the form says the same as the catalog', () => {
    expect(PUBLICITY_FIELDS.name.label).toBe(fieldByKey('basicInfo', 'name')?.label);
    expect(PUBLICITY_FIELDS.gender.label).toBe(fieldByKey('basicInfo', 'gender')?.label);
    expect(PUBLICITY_FIELDS.applicationType.label).toBe(
      fieldByKey('applicationInfo', 'applicationType')?.label,
    );
    expect(PUBLICITY_FIELDS.projects.label).toBe(sectionByKey('projects')?.title);
    expect(PUBLICITY_FIELDS.qualification.label).toBe('申报系列/专业/资格');
  });
});

describe('publicityFormInputOf', () => {
  it('is pure: the same detail gives the same form', () => {
    const [detail] = DETAILS;
    if (detail === undefined) throw new Error('no demo detail');
    expect(publicityFormInputOf(detail)).toEqual(publicityFormInputOf(structuredClone(detail)));
  });

  it('masks the ID number and never carries it in full', () => {
    for (const detail of DETAILS) {
      const form = publicityFormInputOf(detail);
      const id = String(single(detail, 'basicInfo').idNumber);
      expect(form.values.idNumber).toBe(maskIdNumber(id));
      expect(JSON.stringify(form)).not.toContain(id);
    }
  });

  it('prints the application values the form names', () => {
    for (const detail of DETAILS) {
      const form = publicityFormInputOf(detail);
      const info = single(detail, 'applicationInfo');
      const basic = single(detail, 'basicInfo');
      expect(form.values.name).toBe(basic.name);
      expect(form.values.qualification).toBe(`${info.series}/${info.specialty}/${info.qualification}`);
      expect(form.values.birthMonth).toMatch(/^\d{4}年\d{2}月$/);
      expect(form.values.reviewCommittee).toBe(info.reviewCommittee);
      expect(form.publicity).toEqual(detail.publicity);
    }
  });

  it('lists at most three of each achievement and says how many there are', () => {
    let cut = 0;
    for (const detail of DETAILS) {
      const form = publicityFormInputOf(detail);
      for (const key of ['projects', 'papers', 'awards'] as const) {
        const count = rows(detail, key).length;
        const numbered = form.values[key].split('\n').filter((line) => /^\d+\. /.test(line));
        expect(numbered).toHaveLength(Math.min(count, ACHIEVEMENTS_LISTED));
        if (count === 0) expect(form.values[key]).toBe('无');
        if (count > ACHIEVEMENTS_LISTED) {
          cut += 1;
          expect(form.values[key]).toContain(`共${count}项`);
        }
      }
    }
    // The sample must exercise the cut, or the last expectation proves nothing.
    expect(cut).toBeGreaterThan(0);
  });

  it('sums the continuing education hours and lists assessments since the current title', () => {
    for (const detail of DETAILS) {
      const form = publicityFormInputOf(detail);
      const total = rows(detail, 'continuingEducation').reduce((sum, row) => sum + Number(row.hours), 0);
      if (total > 0)
        expect(form.values.continuingEducation).toContain(`合计${Math.round(total * 100) / 100}学时`);
      const since = String(single(detail, 'currentTitle').obtainedDate ?? '').slice(0, 4);
      for (const match of form.values.assessments.matchAll(/(\d{4})年度/g)) {
        expect(match[1] ?? '').toBeTruthy();
        expect((match[1] ?? '') >= since).toBe(true);
      }
    }
  });
});
