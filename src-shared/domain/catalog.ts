import { APPLICATION_SECTIONS } from './catalog-sections';
import type { CatalogField, CatalogSection } from './catalog-types';

/**
 * The application catalog: one declarative list of sections and fields, shared by server, client and PDF.
 * The data is in catalog-sections.ts, the content validator in catalog-validation.ts.
 */

export type {
  ApplicationContent,
  CatalogField,
  CatalogSection,
  ContentProblem,
  FieldType,
  FieldValue,
  FieldValues,
} from './catalog-types';
export { INTEGRITY_PLEDGE_TEXT } from './catalog-sections';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** All sections in display order; frozen, since every part of the app reads this one catalog. */
export const APPLICATION_CATALOG: readonly CatalogSection[] = deepFreeze(APPLICATION_SECTIONS);

const SECTIONS_BY_KEY: ReadonlyMap<string, CatalogSection> = new Map(
  APPLICATION_CATALOG.map((section) => [section.key, section]),
);

export function sectionByKey(sectionKey: string): CatalogSection | undefined {
  return SECTIONS_BY_KEY.get(sectionKey);
}

export function fieldByKey(sectionKey: string, fieldKey: string): CatalogField | undefined {
  return sectionByKey(sectionKey)?.fields.find((field) => field.key === fieldKey);
}
