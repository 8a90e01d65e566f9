import fc from 'fast-check';
import type { z } from 'zod';
import { garbageValue, oddNumber, oddString } from './fuzz-values';

/**
 * Inputs derived from a contract's zod schema: valid-shaped values (right types, lengths, enums, formats;
 * refinements and domain checks are not known here, so those come from `hints` by field name), and the
 * same with exactly one field broken. A value that passes the outer checks and fails deep inside finds
 * bugs that pure garbage, refused at the first check, never reaches.
 */

/** Plausible values of fields by name, for what the schema alone cannot say (an ID number's checksum). */
export type FieldHints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

interface Def {
  type: string;
  [key: string]: unknown;
}
interface CheckDef {
  check?: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  format?: string;
  pattern?: RegExp;
}

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;
const checksOf = (def: Def): CheckDef[] =>
  ((def.checks as Array<{ _zod: { def: CheckDef } }> | undefined) ?? []).map((check) => check._zod.def);

/** Longest generated string or array beyond the schema's minimum, so runs stay fast. */
const SPAN = 12;

export function validShaped(schema: z.core.$ZodType, hints: FieldHints = {}): fc.Arbitrary<unknown> {
  return arbitraryOf(schema, hints, undefined);
}

function arbitraryOf(
  schema: z.core.$ZodType,
  hints: FieldHints,
  key: string | undefined,
): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const hint = key === undefined ? undefined : hints[key];
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return arbitraryOf(def.innerType as z.core.$ZodType, hints, key);
    case 'nullable':
      return fc.option(arbitraryOf(def.innerType as z.core.$ZodType, hints, key), { nil: null, freq: 5 });
    case 'pipe':
      return arbitraryOf(def.in as z.core.$ZodType, hints, key);
    case 'lazy':
      return arbitraryOf((def.getter as () => z.core.$ZodType)(), hints, key);
  }
  if (hint !== undefined) return hint;
  switch (def.type) {
    case 'string':
      return stringOf(def);
    case 'number':
      return numberOf(def);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'object':
      return objectOf(def.shape as Record<string, z.core.$ZodType>, hints);
    case 'array': {
      const bounds = lengthBounds(checksOf(def));
      return fc.array(arbitraryOf(def.element as z.core.$ZodType, hints, key), {
        minLength: bounds.min,
        maxLength: Math.min(bounds.max, bounds.min + 3),
      });
    }
    case 'record':
      return fc.dictionary(
        arbitraryOf(def.keyType as z.core.$ZodType, hints, undefined) as fc.Arbitrary<string>,
        arbitraryOf(def.valueType as z.core.$ZodType, hints, undefined),
        { maxKeys: 3 },
      );
    case 'union':
      return fc.oneof(...(def.options as z.core.$ZodType[]).map((option) => arbitraryOf(option, hints, key)));
    case 'tuple':
      return fc.tuple(...(def.items as z.core.$ZodType[]).map((item) => arbitraryOf(item, hints, undefined)));
    default:
      // any, unknown and the rest: the contracts hardly use them, and any JSON fits.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(shape: Record<string, z.core.$ZodType>, hints: FieldHints): fc.Arbitrary<unknown> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [name, field] of Object.entries(shape)) {
    model[name] = arbitraryOf(field, hints, name);
    const type = defOf(field).type;
    if (type !== 'optional' && type !== 'default' && type !== 'prefault') requiredKeys.push(name);
  }
  return fc.record(model, { requiredKeys });
}

function lengthBounds(checks: CheckDef[]): { min: number; max: number } {
  let min = 0;
  let max = SPAN;
  for (const check of checks) {
    if (check.check === 'min_length' && check.minimum !== undefined) min = check.minimum;
    if (check.check === 'max_length' && check.maximum !== undefined) max = check.maximum;
    if (check.check === 'length_equals' && check.length !== undefined) min = max = check.length;
  }
  return { min, max: Math.max(min, max) };
}

function stringOf(def: Def): fc.Arbitrary<string> {
  if (def.format === 'uuid' || def.format === 'guid') return fc.uuid();
  const checks = checksOf(def);
  const { min, max } = lengthBounds(checks);
  const pattern = checks.find((check) => check.format === 'regex')?.pattern;
  if (pattern !== undefined)
    return fc.stringMatching(pattern).filter((text) => text.length >= min && text.length <= max);
  const upTo = Math.min(max, min + SPAN);
  return fc.oneof(
    { arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: upTo }), weight: 4 },
    // The longest allowed, where off-by-one limits live.
    { arbitrary: fc.constant('重'.repeat(Math.min(max, 10_000))), weight: 1 },
  );
}

function numberOf(def: Def): fc.Arbitrary<number> {
  let min: number | undefined;
  let max: number | undefined;
  let integer = false;
  for (const check of checksOf(def)) {
    if (check.check === 'greater_than') min = check.value;
    if (check.check === 'less_than') max = check.value;
    if (check.check === 'number_format' && (check.format === 'safeint' || check.format === 'int32'))
      integer = true;
  }
  if (integer)
    return fc.integer({ min: min ?? Number.MIN_SAFE_INTEGER, max: max ?? Number.MAX_SAFE_INTEGER });
  return fc.double({ min: min ?? -1e9, max: max ?? 1e9, noNaN: true, noDefaultInfinity: true });
}

type Path = Array<string | number>;

/** Every place in a value one could break: the value itself, and each property and element inside. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...prefix, index], out));
  else if (typeof value === 'object' && value !== null)
    for (const [name, item] of Object.entries(value)) pathsOf(item, [...prefix, name], out);
  return out;
}

type Mutation =
  { kind: 'replace'; by: unknown } | { kind: 'remove' } | { kind: 'add'; name: string; by: unknown };

const anyMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: garbageValue.map((by) => ({ kind: 'replace' as const, by })), weight: 6 },
  { arbitrary: fc.constant({ kind: 'remove' as const }), weight: 1 },
  {
    arbitrary: fc
      .record({ name: fc.constantFrom('extra', '__proto__', 'constructor', ''), by: garbageValue })
      .map(({ name, by }) => ({ kind: 'add' as const, name, by })),
    weight: 1,
  },
);

/**
 * A string stays a string half the time, a number a number: of the right type, the value passes the
 * outer checks and reaches the code behind them (a lone surrogate in an id that is put into a URL).
 */
function mutationOf(target: unknown): fc.Arbitrary<Mutation> {
  const sameType =
    typeof target === 'string' ? oddString : typeof target === 'number' ? oddNumber : undefined;
  if (sameType === undefined) return anyMutation;
  return fc.oneof(
    sameType.map((by): Mutation => ({ kind: 'replace', by })),
    anyMutation,
  );
}

/** A valid-shaped value of the schema with exactly one place in it replaced, removed or added to. */
export function oneFieldBroken(schema: z.core.$ZodType, hints: FieldHints = {}): fc.Arbitrary<unknown> {
  return validShaped(schema, hints).chain((value) =>
    fc
      .constantFrom(...pathsOf(value))
      .chain((path) => mutationOf(valueAt(value, path)).map((change) => applyMutation(value, path, change))),
  );
}

function valueAt(value: unknown, path: Path): unknown {
  let here: unknown = value;
  for (const step of path) here = (here as Record<string | number, unknown>)[step];
  return here;
}

function applyMutation(value: unknown, path: Path, change: Mutation): unknown {
  if (path.length === 0) {
    if (change.kind === 'replace') return change.by;
    if (change.kind === 'remove') return undefined;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? withOwn(value as Record<string, unknown>, change.name, change.by)
      : change.by;
  }
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    const index = head as number;
    if (rest.length === 0 && change.kind === 'remove') copy.splice(index, 1);
    else copy[index] = applyMutation(copy[index], rest, change);
    return copy;
  }
  const record = value as Record<string, unknown>;
  if (rest.length === 0 && change.kind === 'remove') {
    const copy = { ...record };
    delete copy[head];
    return copy;
  }
  return withOwn(record, String(head), applyMutation(record[head], rest, change));
}

/** A copy with an own property of this name, even `__proto__` (an assignment would set the prototype). */
function withOwn(record: Record<string, unknown>, name: string, item: unknown): Record<string, unknown> {
  const copy = { ...record };
  Object.defineProperty(copy, name, { value: item, enumerable: true, writable: true, configurable: true });
  return copy;
}
