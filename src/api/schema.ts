import { ValidationError } from './errors.js'

/*
 * A small runtime validator for entity responses (instead of zod, which would add ~26 kB gzipped).
 * An object schema lists the fields we know; every other field the server sends is kept as is.
 * Numbers and booleans the server sends as strings ("36", "true") are coerced (decimal strings only, see toNumber).
 * One pass per entity (lists of 100k entities must stay fast): walk the entity's own keys, look each up in the
 * schema, and allocate only when a value had to be coerced. Error paths are built only when something fails,
 * by a second, schema-ordered pass that finds the first misfit.
 */

// Field kinds; each is also the index of its wording in EXPECTED.
const STRING = 0
const NUMBER = 1
const BOOLEAN = 2
const OBJECT = 3
// An array whose items are checked by `Field.item` when it has one.
const ARRAY = 4
const UNKNOWN = 5

const EXPECTED = [
  'a string',
  'a number (or a numeric string)',
  'a boolean (or "true"/"false")',
  'an object',
  'an array',
]

// Field flags.
const OPTIONAL = 1
const NULLABLE = 2

// What `conform` returns for a value that does not fit.
const FAIL = {}

/** A plain JSON object (not `null`, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// A decimal number as pydantic reads one from a string in lax mode: optional minus, digits, optional fraction
// and exponent. No spaces, no `+`, no hex/binary/octal prefixes, no `Infinity`/`NaN`.
const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/

/**
 * `36` and `"36"` → 36, `"-1.5e3"` → -1500; anything else → undefined: `""`, `"abc"`, `" 1"`, `"+1"`, `"0x10"`,
 * `"0b11"`, `"1_000"`, `"Infinity"`, and decimal strings beyond the finite range.
 */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value !== 'string' || !DECIMAL.test(value)) return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : undefined
}

const PREVIEW = 40

/**
 * The value as JSON, shortened to about 40 characters: `"abc"`, `5`, `null`, `[1,2]`. Walks only as far as it
 * prints, so a huge or 100,000-deep value costs nothing and cannot overflow the stack.
 */
export function preview(value: unknown): string {
  if (value === undefined) return 'missing'
  let out = ''
  const write = (v: unknown, depth: number): void => {
    if (out.length > PREVIEW) return
    if (typeof v !== 'object' || v === null) {
      const s = typeof v === 'bigint' ? String(v) : JSON.stringify(v)
      out += s === undefined ? 'null' : s.slice(0, PREVIEW + 1)
      return
    }
    const isArray = Array.isArray(v)
    out += isArray ? '[' : '{'
    if (depth >= 8) out += '…'
    else {
      let first = true
      for (const key of isArray ? v.keys() : Object.keys(v)) {
        if (out.length > PREVIEW) break
        if (!first) out += ','
        first = false
        if (!isArray) out += `${JSON.stringify(key)}:`
        write((v as Record<string | number, unknown>)[key as string], depth + 1)
      }
    }
    out += isArray ? ']' : '}'
  }
  write(value, 0)
  return out.length > PREVIEW ? `${out.slice(0, PREVIEW)}…` : out
}

function misfit(name: string, path: string, expected: string, value: unknown): ValidationError {
  return new ValidationError(
    `Unexpected ${name} from the server: "${path}" should be ${expected} but is ${preview(value)}. ` +
      'Update datamint-react, or report this with the response body.',
    { field: path, source: 'response' },
  )
}

/** @internal Something that checks one value: a field, or the object schema of an array's items. */
export interface Conformer {
  conform(value: unknown): unknown
  explain(name: string, value: unknown, path: string): ValidationError
}

/**
 * One field of an {@link ObjectSchema}. `T` is the type the field has after parsing
 * (it includes `null` for `.nullable()` and `undefined` for `.optional()`).
 */
export class Field<T> implements Conformer {
  /** @internal phantom member that carries the parsed type (a function type: `Field` is invariant in `T`). */
  declare readonly _type: (value: T) => T

  /** @internal */
  constructor(
    readonly kind: number,
    readonly flags = 0,
    readonly item?: Conformer,
  ) {}

  /** The field may be missing from the object. */
  optional(): Field<T | undefined> {
    return new Field(this.kind, this.flags | OPTIONAL, this.item)
  }

  /** The field may be `null`. */
  nullable(): Field<T | null> {
    return new Field(this.kind, this.flags | NULLABLE, this.item)
  }

  /** @internal `value` itself when it fits, the coerced value ("36" → 36, "true" → true), or FAIL. */
  conform(value: unknown): unknown {
    if (value == null) return this.flags & (value === null ? NULLABLE : OPTIONAL) ? value : FAIL
    switch (this.kind) {
      case STRING:
        return typeof value === 'string' ? value : FAIL
      case NUMBER:
        return toNumber(value) ?? FAIL
      case BOOLEAN:
        return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : FAIL
      case OBJECT:
        return isObject(value) ? value : FAIL
      case ARRAY: {
        if (!Array.isArray(value)) return FAIL
        // copy on write: the array itself unless an item had to be coerced
        let out: unknown[] | undefined
        for (let j = 0; this.item && j < value.length; j++) {
          const v = this.item.conform(value[j])
          if (v === FAIL) return FAIL
          if (v !== value[j]) {
            out ??= value.slice()
            out[j] = v
          }
        }
        return out ?? value
      }
      default:
        return value
    }
  }

  /** @internal The error for a `value` that `conform` rejected; `path` is where the value is. */
  explain(name: string, value: unknown, path: string): ValidationError {
    const item = this.item
    if (item && Array.isArray(value)) {
      const j = value.findIndex((v) => item.conform(v) === FAIL)
      return item.explain(name, value[j], `${path}[${j}]`)
    }
    return misfit(name, path, EXPECTED[this.kind], value)
  }
}

/**
 * Field builders.
 *
 * @example
 * const Thing = objectSchema<Thing>('thing', { id: field.string(), count: field.number().optional() })
 */
export const field = {
  /** A string; `S` narrows the type, e.g. `field.string<'image' | 'frame'>()` (not checked at run time). */
  string: <S extends string = string>(): Field<S> => new Field(STRING),
  /** A number; decimal strings such as `"36"` are converted (see `toNumber`). */
  number: (): Field<number> => new Field(NUMBER),
  /** A boolean; the strings `"true"` and `"false"` are converted. */
  boolean: (): Field<boolean> => new Field(BOOLEAN),
  stringArray: (): Field<string[]> => new Field(ARRAY, 0, new Field(STRING)),
  /** Any JSON object (not an array); its content is not checked. */
  object: (): Field<Record<string, unknown>> => new Field(OBJECT),
  /** Any JSON array; its items are not checked. */
  array: (): Field<unknown[]> => new Field(ARRAY),
  /** An array whose items are checked with a nested object schema. */
  arrayOf: <I>(item: ObjectSchema<I>): Field<I[]> => new Field(ARRAY, 0, item),
  /** Anything at all, including `null`. */
  unknown: (): Field<unknown> => new Field(UNKNOWN, OPTIONAL | NULLABLE),
}

/** The fields of `T`, each described by a {@link Field} of the matching type. */
export type Shape<T> = { [K in keyof T]-?: Field<T[K]> }

/** The entity type an {@link ObjectSchema} produces. */
export type Infer<S> = S extends ObjectSchema<infer T> ? T : never

/** Options of {@link objectSchema}. */
export interface ObjectSchemaOptions {
  /**
   * Other names the server uses for a field, as `{ wireName: fieldName }`: when `fieldName` is missing and
   * `wireName` is present, its value is copied to `fieldName` (the wire field is kept too).
   */
  aliases?: Record<string, string>
}

/**
 * A schema for one kind of entity: checks the fields it knows, keeps every other field, converts numbers and
 * booleans sent as strings, and throws a {@link ValidationError} naming the field path when the value does not fit.
 */
export class ObjectSchema<T> implements Conformer {
  private readonly fields: [string, Field<unknown>][]
  // One hash lookup per key of an entity is faster than reading every known key (27 megamorphic loads).
  private readonly byKey: Map<string, Field<unknown>>
  // The keys of the last entity checked, in order, and their fields (see `conform`).
  private readonly order: string[] = []
  private readonly cached: (Field<unknown> | undefined)[] = []
  // How many fields may not be missing: `conform` counts the ones it saw.
  private readonly required: number
  private readonly aliases: [string, string][]

  /**
   * @param name What the object is, in messages and as the root of error paths (e.g. `project`).
   * @param shape The known fields.
   */
  constructor(
    readonly name: string,
    shape: Shape<T>,
    options: ObjectSchemaOptions = {},
  ) {
    this.fields = Object.entries(shape)
    this.byKey = new Map(this.fields)
    this.required = this.fields.filter(([, field]) => !(field.flags & OPTIONAL)).length
    this.aliases = Object.entries(options.aliases ?? {})
  }

  /**
   * Checks one object. Returns it as is when every field fits, or a shallow copy with the coerced fields
   * (the input is never modified).
   * Error paths start with `path` (default: the schema's name), e.g. `project.resource_count`.
   */
  parse(value: unknown, path: string = this.name): T {
    return this.check(value, path)
  }

  /** Checks every item of a list; error paths look like `[12].id` (after `path` when given). */
  parseList(values: readonly unknown[], path = ''): T[] {
    return values.map((value, i) => this.check(value, path, i))
  }

  // The path of a list item is built only when it does not fit.
  private check(value: unknown, path: string, index?: number): T {
    const out = this.conform(value)
    if (out === FAIL) throw this.explain(this.name, value, index === undefined ? path : `${path}[${index}]`)
    return out as T
  }

  // A copy of `value` with the aliased fields filled in, or undefined when no alias applies.
  private aliased(value: Record<string, unknown>): Record<string, unknown> | undefined {
    let out: Record<string, unknown> | undefined
    for (const [from, to] of this.aliases) {
      if (value[to] === undefined && value[from] !== undefined) {
        out ??= { ...value }
        out[to] = value[from]
      }
    }
    return out
  }

  /** @internal `value` itself when every field fits, a shallow copy with the coerced fields, or FAIL. */
  conform(value: unknown): unknown {
    if (!isObject(value)) return FAIL
    let out = this.aliased(value)
    const obj = out ?? value
    let required = 0
    let p = 0
    for (const key in obj) {
      // The items of a list share one key order: a key is looked up only where it differs from the last entity's
      // (about 1.4x faster for lists).
      if (this.order[p] !== key) {
        this.order[p] = key
        this.cached[p] = this.byKey.get(key)
      }
      const field = this.cached[p++]
      if (field === undefined) continue
      const v = obj[key]
      const w = field.conform(v)
      if (w === FAIL) return FAIL
      if (!(field.flags & OPTIONAL)) required++
      if (w !== v) {
        out ??= { ...value }
        out[key] = w
      }
    }
    return required < this.required ? FAIL : (out ?? value)
  }

  /** @internal The error for the first field (in schema order) of a `value` that `conform` rejected. */
  explain(name: string, value: unknown, path: string): ValidationError {
    if (!isObject(value)) return misfit(name, path || '(root)', 'an object', value)
    const obj = this.aliased(value) ?? value
    const [key, field] = this.fields.find(([key, field]) => field.conform(obj[key]) === FAIL) as [
      string,
      Field<unknown>,
    ]
    return field.explain(name, obj[key], path ? `${path}.${key}` : key)
  }
}

/**
 * Defines the schema of an entity type.
 *
 * @example
 * interface Tag { id: string; count: number; note?: string | null }
 * const tagSchema = objectSchema<Tag>('tag', {
 *   id: field.string(),
 *   count: field.number(),
 *   note: field.string().nullable().optional(),
 * })
 * tagSchema.parse({ id: 'a', count: '3', extra: 1 }) // { id: 'a', count: 3, extra: 1 }
 */
export function objectSchema<T>(
  name: string,
  shape: Shape<T>,
  options?: ObjectSchemaOptions,
): ObjectSchema<T> {
  return new ObjectSchema<T>(name, shape, options)
}
