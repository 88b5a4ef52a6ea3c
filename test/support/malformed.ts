/**
 * fast-check arbitraries for requests no route may accept: bodies built to break the route's own
 * JSON schema (from /api/openapi.json) at a point where the schema names the allowed types, plus
 * deep nesting, huge strings, `__proto__` keys, invalid UTF-8, wrong media types and junk ids.
 */
import fc from 'fast-check';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
}

export type Components = Record<string, JsonSchema>;

/** A value serialised as text instead of built, so nesting thousands deep never recurses here. */
export class Deep {
  constructor(
    readonly depth: number,
    readonly kind: 'array' | 'object',
  ) {}
}

/** JSON text of `value`, keeping own `__proto__` keys and writing `Deep` nesting as text. */
export function serialise(value: unknown): string {
  if (value instanceof Deep) return value.kind === 'array' ? `${'['.repeat(value.depth)}0${']'.repeat(value.depth)}` : `${'{"a":'.repeat(value.depth)}0${'}'.repeat(value.depth)}`;
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${serialise((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Sets an own, enumerable property even for `__proto__`, which plain assignment would not. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

type Kind = 'string' | 'integer' | 'fraction' | 'boolean' | 'null' | 'object' | 'array';

export function resolve(schema: JsonSchema, components: Components): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 20; hops++) current = components[current.$ref.replace('#/components/schemas/', '')] ?? {};
  return current;
}

/** The JSON types a schema admits, or undefined when it does not say (anything may be allowed). */
export function typesOf(schema: JsonSchema, components: Components): Set<string> | undefined {
  const node = resolve(schema, components);
  const branches = node.anyOf ?? node.oneOf;
  if (branches) {
    const all = branches.map((branch) => typesOf(branch, components));
    if (all.some((types) => types === undefined)) return undefined;
    return new Set(all.flatMap((types) => [...types!]));
  }
  if (node.allOf) {
    // A value must satisfy every part: the types it may have are those all typed parts admit.
    const typed = node.allOf.map((part) => typesOf(part, components)).filter((types) => types !== undefined);
    if (typed.length === 0) return undefined;
    return new Set([...typed[0]!].filter((type) => typed.every((types) => types.has(type) || (type === 'integer' && types.has('number')))));
  }
  const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value);
  if (node.const !== undefined) return new Set([jsonType(node.const)]);
  if (node.enum) return new Set(node.enum.map(jsonType));
  if (node.type) return new Set(Array.isArray(node.type) ? node.type : [node.type]);
  return undefined;
}

/** The kinds of value that are outside `types`. */
export function wrongKinds(types: Set<string>): Kind[] {
  const kinds: Kind[] = [];
  if (!types.has('string')) kinds.push('string');
  if (!types.has('integer') && !types.has('number')) kinds.push('integer');
  if (!types.has('number')) kinds.push('fraction');
  if (!types.has('boolean')) kinds.push('boolean');
  if (!types.has('null')) kinds.push('null');
  if (!types.has('object')) kinds.push('object');
  if (!types.has('array')) kinds.push('array');
  return kinds;
}

const junkKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...PROTO_KEYS, 'toString', 'hasOwnProperty', 'valueOf', ''));

const protoObject = fc.tuple(fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => {
  const object: Record<string, unknown> = {};
  setOwn(object, key, value);
  setOwn(object, 'polluted', true);
  return object;
});

export const junkString = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constantFrom(...PROTO_KEYS, 'toString', '', '\u0000', '\uD800', '\uDFFF', '../../etc/passwd', '%00', '<script>alert(1)</script>', "' OR 1=1 --", '${7*7}', 'null', 'undefined', 'NaN'), weight: 2 },
  { arbitrary: fc.integer({ min: 1_000, max: 60_000 }).map((length) => 'x'.repeat(length)), weight: 1 },
);

const valueOfKind: Record<Kind, fc.Arbitrary<unknown>> = {
  string: junkString,
  integer: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31), Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, 1e308)),
  fraction: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
    fc.constantFrom(0.5, -0.5, 1e-300, 5e-324),
  ),
  boolean: fc.boolean(),
  null: fc.constant(null),
  object: fc.oneof(
    fc.dictionary(junkKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
    protoObject,
    fc.integer({ min: 500, max: 20_000 }).map((depth) => new Deep(depth, 'object')),
  ),
  array: fc.oneof(
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
    fc.integer({ min: 500, max: 20_000 }).map((depth) => new Deep(depth, 'array')),
    fc.integer({ min: 1_000, max: 10_000 }).map((length) => Array.from({ length }, () => 0)),
  ),
};

/** A value none of whose JSON types is in `types`. */
export const wrongValue = (types: Set<string>) => fc.constantFrom(...wrongKinds(types)).chain((kind) => valueOfKind[kind]);

/** A plausible value for `schema`: every property filled, one item per list. Not necessarily valid; mutations make sure it is not. */
export function exampleOf(schema: JsonSchema, components: Components, depth = 0): unknown {
  const node = resolve(schema, components);
  if (depth > 8) return null;
  if (node.const !== undefined) return node.const;
  if (node.enum) return node.enum[0];
  if (node.default !== undefined) return structuredClone(node.default);
  const branches = node.anyOf ?? node.oneOf;
  if (branches?.[0]) return exampleOf(branches[0], components, depth + 1);
  if (node.allOf) return Object.assign({}, ...node.allOf.map((part) => exampleOf(part, components, depth + 1)));
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(node.properties ?? {}).map(([key, property]) => [key, exampleOf(property, components, depth + 1)]));
    case 'array':
      return node.items ? Array.from({ length: Math.max(1, node.minItems ?? 1) }, () => exampleOf(node.items!, components, depth + 1)) : [];
    case 'string':
      if (node.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
      if (node.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (node.format === 'date') return '2026-01-01';
      if (node.format === 'email') return 'fuzz@example.org';
      return 'x'.repeat(Math.max(4, node.minLength ?? 0));
    case 'integer':
    case 'number':
      return node.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'x';
  }
}

type Path = (string | number)[];

export interface MutationPoint {
  path: Path;
  /** Replace the value here with one of another type. */
  types?: Set<string>;
  /** The object here refuses unknown keys. */
  closed?: boolean;
}

/** Every place in `value` where the schema says which types are allowed (so a wrong type is surely refused). */
export function mutationPoints(schema: JsonSchema, value: unknown, components: Components, path: Path = []): MutationPoint[] {
  const points: MutationPoint[] = [];
  const types = typesOf(schema, components);
  if (types) points.push({ path, types });
  const node = resolve(schema, components);
  if (node.allOf) {
    // Every part applies to the same value, so a point any part types is a point of the whole.
    for (const part of node.allOf) points.push(...mutationPoints(part, value, components, path).filter((point) => point.path.length > path.length || point.closed));
    return points;
  }
  if (node.anyOf || node.oneOf) return points;
  if (Array.isArray(value) && node.items) {
    value.forEach((item, index) => points.push(...mutationPoints(node.items!, item, components, [...path, index])));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Deep)) {
    if (node.additionalProperties === false && types?.has('object')) points.push({ path, closed: true });
    for (const [key, item] of Object.entries(value)) {
      const property = node.properties?.[key] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      if (property) points.push(...mutationPoints(property, item, components, [...path, key]));
    }
  }
  return points;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  let parent = root as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return root;
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, part) => (value as Record<string | number, unknown>)[part], root);
}

/**
 * `example` broken at one point the schema types (a wrong-typed value, or an unknown key in a
 * closed object), with `__proto__`/`constructor`/`prototype` keys added to the top object.
 */
export function brokenBody(schema: JsonSchema, example: unknown, components: Components): fc.Arbitrary<unknown> {
  const points = mutationPoints(schema, example, components);
  if (points.length === 0) throw new Error('A request body schema with no typed point: the fuzz cannot make it invalid for sure.');
  return fc
    .record({
      point: fc.constantFrom(...points),
      decorations: fc.array(fc.tuple(fc.constantFrom(...PROTO_KEYS), fc.oneof(fc.jsonValue({ maxDepth: 2 }), protoObject)), { maxLength: 3 }),
      unknownKey: fc.string({ minLength: 1, maxLength: 12 }).map((key) => `zz${key}`),
    })
    .chain(({ point, decorations, unknownKey }) =>
      (point.types ? wrongValue(point.types) : fc.jsonValue({ maxDepth: 2 })).map((wrong) => {
        const body = structuredClone(example);
        const mutated = point.closed ? (setOwn(getAt(body, point.path) as Record<string, unknown>, unknownKey, wrong), body) : setAt(body, point.path, wrong);
        if (mutated !== null && typeof mutated === 'object' && !Array.isArray(mutated) && !(mutated instanceof Deep) && point.path.length > 0) {
          for (const [key, value] of decorations) if (!Object.hasOwn(mutated, key)) setOwn(mutated as Record<string, unknown>, key, value);
        }
        return mutated;
      }),
    );
}

/** Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, truncated sequences. */
const INVALID_UTF8 = [[0xff], [0xfe], [0x80], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc3], [0xf4, 0x90, 0x80, 0x80]];

/** `text` as UTF-8 with invalid sequences spliced in at some positions. */
export function withInvalidUtf8(text: string) {
  const bytes = new TextEncoder().encode(text);
  return fc.array(fc.tuple(fc.nat(bytes.length), fc.constantFrom(...INVALID_UTF8)), { minLength: 1, maxLength: 4 }).map((splices) => {
    const out: number[] = [];
    const at = new Map(splices.map(([position, sequence]) => [position, sequence]));
    bytes.forEach((byte, index) => {
      const sequence = at.get(index);
      if (sequence) out.push(...sequence);
      out.push(byte);
    });
    const last = at.get(bytes.length);
    if (last) out.push(...last);
    return Uint8Array.from(out);
  });
}

/**
 * Path parameter values no route knows: unknown ids, junk, `__proto__`, percent-encoding that
 * decodes to nothing. Not `.`/`..` (or `%2e`): URL parsing removes those segments, so the request
 * reaches another route, not this one with a bad id.
 */
export const junkPathSegment = fc.oneof(
  { arbitrary: fc.uuid().map((id) => id), weight: 3 },
  { arbitrary: junkString.map((value) => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '?')) || '%20'), weight: 4 },
  { arbitrary: fc.constantFrom('%', '%zz', '%ff', '%C0%80', '%E0%80%80', '%ED%A0%80', '%00', '%2F', '__proto__', 'constructor', '%5F%5Fproto%5F%5F', '-1', '0', '1e999', 'NaN'), weight: 3 },
);
