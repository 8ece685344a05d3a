import { ValidationError } from './errors.js'

/*
 * A small runtime validator for entity responses (instead of zod, which would add ~26 kB gzipped).
 * An object schema lists the fields we know; every other field the server sends is kept as is.
 * Numbers and booleans the server sends as strings ("36", "true") are coerced.
 * Speed matters (lists of 100k entities): each schema compiles its fields into flat arrays once, and
 * parsing an entity allocates only its output object; error paths are built only when something fails.
 */

// Field kinds, as small integers for a fast switch.
const STRING = 0
const NUMBER = 1
const BOOLEAN = 2
const STRING_ARRAY = 3
const OBJECT = 4
const UNKNOWN = 5
const ARRAY_OF = 6
const ARRAY = 7

type Kind =
  | typeof STRING
  | typeof NUMBER
  | typeof BOOLEAN
  | typeof STRING_ARRAY
  | typeof OBJECT
  | typeof UNKNOWN
  | typeof ARRAY_OF
  | typeof ARRAY

const EXPECTED = [
  'a string',
  'a number (or a numeric string)',
  'a boolean (or "true"/"false")',
  'an array of strings',
  'an object',
  'any value',
  'an array of objects',
  'an array',
]

/**
 * One field of an {@link ObjectSchema}. `T` is the type the field has after parsing
 * (it includes `null` for `.nullable()` and `undefined` for `.optional()`).
 */
export class Field<T> {
  /** @internal phantom member that carries the parsed type (a function type: `Field` is invariant in `T`). */
  declare readonly _type: (value: T) => T

  /** @internal */
  constructor(
    readonly kind: Kind,
    readonly isOptional: boolean,
    readonly isNullable: boolean,
    readonly item: ObjectSchema<unknown> | undefined,
  ) {}

  /** The field may be missing from the object. */
  optional(): Field<T | undefined> {
    return new Field(this.kind, true, this.isNullable, this.item)
  }

  /** The field may be `null`. */
  nullable(): Field<T | null> {
    return new Field(this.kind, this.isOptional, true, this.item)
  }
}

/**
 * Field builders.
 *
 * @example
 * const Thing = objectSchema<Thing>('thing', { id: f.string(), count: f.number().optional() })
 */
export const f = {
  /** A string; `S` narrows the type, e.g. `f.string<'image' | 'frame'>()` (not checked at run time). */
  string: <S extends string = string>(): Field<S> => new Field(STRING, false, false, undefined),
  /** A number; numeric strings such as `"36"` are converted. */
  number: (): Field<number> => new Field(NUMBER, false, false, undefined),
  /** A boolean; the strings `"true"` and `"false"` are converted. */
  boolean: (): Field<boolean> => new Field(BOOLEAN, false, false, undefined),
  stringArray: (): Field<string[]> => new Field(STRING_ARRAY, false, false, undefined),
  /** Any JSON object (not an array); its content is not checked. */
  object: (): Field<Record<string, unknown>> => new Field(OBJECT, false, false, undefined),
  /** Any JSON array; its items are not checked. */
  array: (): Field<unknown[]> => new Field(ARRAY, false, false, undefined),
  /** An array whose items are checked with a nested object schema. */
  arrayOf: <I>(item: ObjectSchema<I>): Field<I[]> =>
    new Field(ARRAY_OF, false, false, item as ObjectSchema<unknown>),
  /** Anything at all, including `null`. */
  unknown: (): Field<unknown> => new Field(UNKNOWN, true, true, undefined),
}

/** The fields of `T`, each described by a {@link Field} of the matching type. */
export type Shape<T> = { [K in keyof T]-?: Field<T[K]> }

/** The entity type an {@link ObjectSchema} produces. */
export type Infer<S> = S extends ObjectSchema<infer T> ? T : never

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'missing'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'object') return 'an object'
  return `${String(value)} (${typeof value})`
}

function join(base: string, index: number, key: string | undefined): string {
  let path = index >= 0 ? `${base}[${index}]` : base
  if (key !== undefined) path = path === '' ? key : `${path}.${key}`
  return path
}

function misfit(schema: string, path: string, expected: string, value: unknown): ValidationError {
  return new ValidationError(
    `The server's ${schema} does not have the expected shape: "${path}" should be ${expected} but is ${describe(value)}. ` +
      'If the server is newer than this SDK, update datamint-react; otherwise report this with the response body.',
    { field: path },
  )
}

/** A plain JSON object (not `null`, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// "36" → 36; anything that is not a finite number written as a string → undefined.
function toNumber(value: string): number | undefined {
  const n = Number(value)
  return Number.isFinite(n) && value.trim() !== '' ? n : undefined
}

const FAIL = {}

// `v` itself when it fits `kind`, the coerced value ("36" → 36, "true" → true), or FAIL. Not for ARRAY_OF.
function conform(kind: number, v: unknown): unknown {
  switch (kind) {
    case STRING:
      return typeof v === 'string' ? v : FAIL
    case NUMBER:
      if (typeof v === 'number') return v
      return typeof v === 'string' ? (toNumber(v) ?? FAIL) : FAIL
    case BOOLEAN:
      return typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : FAIL
    case STRING_ARRAY:
      if (!Array.isArray(v)) return FAIL
      for (let j = 0; j < v.length; j++) if (typeof v[j] !== 'string') return FAIL
      return v
    case OBJECT:
      return isObject(v) ? v : FAIL
    case ARRAY:
      return Array.isArray(v) ? v : FAIL
    default:
      return v
  }
}

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
export class ObjectSchema<T> {
  private readonly keys: string[]
  private readonly fields: Field<unknown>[]
  // The fields' kinds and flags as flat arrays: the per-entity loop reads no objects but the entity.
  private readonly kinds: Uint8Array
  private readonly absentOk: Uint8Array

  /**
   * @param name What the object is, in messages and as the root of error paths (e.g. `project`).
   * @param shape The known fields.
   */
  private readonly aliasFrom: string[]
  private readonly aliasTo: string[]

  constructor(
    readonly name: string,
    shape: Shape<T>,
    options: ObjectSchemaOptions = {},
  ) {
    this.keys = Object.keys(shape)
    this.fields = this.keys.map((k) => (shape as Record<string, Field<unknown>>)[k])
    this.kinds = Uint8Array.from(this.fields, (field) => field.kind)
    // bit 1: may be missing, bit 2: may be null
    this.absentOk = Uint8Array.from(
      this.fields,
      (field) => (field.isOptional ? 1 : 0) | (field.isNullable ? 2 : 0),
    )
    const aliases = options.aliases ?? {}
    this.aliasFrom = Object.keys(aliases)
    this.aliasTo = this.aliasFrom.map((k) => aliases[k])
  }

  /**
   * Checks one object. Returns it as is when every field fits, or a shallow copy with the coerced fields
   * (the input is never modified).
   * Error paths start with `path` (default: the schema's name), e.g. `project.resource_count`.
   */
  parse(value: unknown, path: string = this.name): T {
    return this.check(value, path, -1)
  }

  /** Checks every item of a list; error paths look like `[12].id` (after `path` when given). */
  parseList(values: readonly unknown[], path = ''): T[] {
    const n = values.length
    const out = new Array<T>(n)
    const plan = n > 0 ? this.plan(values[0]) : undefined
    for (let i = 0; i < n; i++) {
      out[i] = (plan && this.fast(values[i], plan[0], plan[1])) || this.check(values[i], path, i)
    }
    return out
  }

  /*
   * Lists come with every item's keys in the same order. Reading the fields with `for in` in that order is
   * several times faster than looking each known key up (a megamorphic load), so parseList learns the order
   * from the first item: `order` the keys, `slot` each key's field index (-1: unknown). Undefined when the
   * fast path cannot be exact (aliases, nested schemas, a required field missing).
   */
  private plan(first: unknown): [string[], Int32Array] | undefined {
    if (!isObject(first) || this.aliasFrom.length > 0 || this.kinds.includes(ARRAY_OF)) return undefined
    const order: string[] = []
    for (const key in first) order.push(key)
    const slot = Int32Array.from(order, (key) => this.keys.indexOf(key))
    for (let i = 0; i < this.keys.length; i++) {
      if (!slot.includes(i) && !(this.absentOk[i] & 1)) return undefined
    }
    return [order, slot]
  }

  // The check of `value` along a plan; undefined when `value` does not follow it or a field does not fit
  // (then `check` runs, and reports the first misfit in schema order).
  private fast(value: unknown, order: string[], slot: Int32Array): T | undefined {
    if (!isObject(value)) return undefined
    const kinds = this.kinds
    const absentOk = this.absentOk
    let out: Record<string, unknown> | undefined
    let p = 0
    for (const key in value) {
      if (key !== order[p]) return undefined
      const i = slot[p++]
      if (i < 0) continue
      const v = value[key]
      if (v === undefined || v === null) {
        if (absentOk[i] & (v === null ? 2 : 1)) continue
        return undefined
      }
      const w = conform(kinds[i], v)
      if (w === v) continue
      if (w === FAIL) return undefined
      out ??= { ...value }
      out[key] = w
    }
    return p === order.length ? ((out ?? value) as T) : undefined
  }

  /**
   * @internal `base` and `index` form the path of `value`; joined only when an error is thrown.
   * Copy on write: `value` itself is returned when nothing had to change, otherwise a shallow copy.
   */
  check(value: unknown, base: string, index: number): T {
    if (!isObject(value))
      throw misfit(this.name, join(base, index, undefined) || '(root)', 'an object', value)
    let out: Record<string, unknown> | undefined
    for (let i = 0; i < this.aliasFrom.length; i++) {
      const from = value[this.aliasFrom[i]]
      if (value[this.aliasTo[i]] === undefined && from !== undefined) {
        out ??= { ...value }
        out[this.aliasTo[i]] = from
      }
    }
    const obj = out ?? value
    const keys = this.keys
    const kinds = this.kinds
    const absentOk = this.absentOk
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]
      const kind = kinds[i]
      const v = obj[key]
      if (v === undefined) {
        if (absentOk[i] & 1) continue
        throw misfit(this.name, join(base, index, key), EXPECTED[kind], v)
      }
      if (v === null) {
        if (absentOk[i] & 2) continue
        throw misfit(this.name, join(base, index, key), EXPECTED[kind], v)
      }
      if (kind === ARRAY_OF) {
        if (Array.isArray(v)) {
          const items = (this.fields[i].item as ObjectSchema<unknown>).checkItems(v, base, index, key)
          if (items !== v) {
            out ??= { ...value }
            out[key] = items
          }
          continue
        }
      } else {
        const w = conform(kind, v)
        if (w === v) continue
        if (w !== FAIL) {
          out ??= { ...value }
          out[key] = w
          continue
        }
        if (kind === STRING_ARRAY && Array.isArray(v)) {
          const j = v.findIndex((item) => typeof item !== 'string')
          throw misfit(this.name, `${join(base, index, key)}[${j}]`, 'a string', v[j])
        }
      }
      throw misfit(this.name, join(base, index, key), EXPECTED[kind], v)
    }
    return (out ?? value) as T
  }

  /**
   * @internal Checks the items of a nested array (field `key` of the object at `base`/`index`); returns `values`
   * itself when no item changed. The path is only built when an item does not fit.
   */
  checkItems(values: readonly unknown[], base: string, index: number, key: string): unknown[] {
    let out: unknown[] | undefined
    let j = 0
    try {
      for (; j < values.length; j++) {
        const item = this.check(values[j], '', j)
        if (item !== values[j]) {
          out ??= values.slice()
          out[j] = item
        }
      }
    } catch (e) {
      if (!(e instanceof ValidationError) || e.field === undefined) throw e
      const path = join(base, index, key) + e.field
      throw new ValidationError(e.message.replace(`"${e.field}"`, `"${path}"`), { field: path })
    }
    return (out ?? values) as unknown[]
  }
}

/**
 * Defines the schema of an entity type.
 *
 * @example
 * interface Tag { id: string; count: number; note?: string | null }
 * const tagSchema = objectSchema<Tag>('tag', {
 *   id: f.string(),
 *   count: f.number(),
 *   note: f.string().nullable().optional(),
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
