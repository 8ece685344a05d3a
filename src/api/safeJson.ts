import { badResponse } from './errors.js'

/**
 * Deepest nesting of arrays and objects accepted in a server answer. Deeper JSON is refused: recursive code
 * downstream (React Query's structural sharing, `JSON.stringify`, `structuredClone`, renderers) would overflow
 * the stack on it. Real Datamint payloads nest a handful of levels.
 */
export const MAX_JSON_DEPTH = 500

// Keys a secure JSON parser drops: assigned to an object (as structural sharing does), `__proto__` replaces its
// prototype, and `constructor` / `prototype` shadow what code expects to find there.
const POISON = ['__proto__', 'constructor', 'prototype']

/** A JSON text's value with poisonous keys dropped (or the text itself when it is not JSON), unless too deep. */
type Parsed = { value: unknown; tooDeep: boolean }

function parseChecked(text: string, redactKey: string | undefined): Parsed {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { value: redactKey ? redact(text, redactKey) : text, tooDeep: false }
  }
  if (typeof value !== 'object' || value === null)
    return {
      value: redactKey && typeof value === 'string' ? redact(value, redactKey) : value,
      tooDeep: false,
    }
  const poisoned = POISON.some((k) => text.includes(k)) || text.includes('\\u')
  // Recursion is safe here: it stops at MAX_JSON_DEPTH, far below the stack's limit (and is faster than a
  // hand-made stack). Only arrays and objects are visited.
  const walk = (node: Record<string, unknown> | unknown[], depth: number): boolean => {
    if (depth > MAX_JSON_DEPTH) return false
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v = node[i]
        if (typeof v === 'object' && v !== null) {
          if (!walk(v as Record<string, unknown>, depth + 1)) return false
        } else if (redactKey && typeof v === 'string') node[i] = redact(v, redactKey)
      }
      return true
    }
    if (poisoned) for (const key of POISON) if (Object.hasOwn(node, key)) delete node[key]
    for (const key in node) {
      const v = node[key]
      if (typeof v === 'object' && v !== null) {
        if (!walk(v as Record<string, unknown>, depth + 1)) return false
      } else if (redactKey && typeof v === 'string') node[key] = redact(v, redactKey)
      if (redactKey && key.includes(redactKey)) {
        node[redact(key, redactKey)] = node[key]
        delete node[key]
      }
    }
    return true
  }
  if (!walk(value as Record<string, unknown>, 1)) return { value: undefined, tooDeep: true }
  return { value, tooDeep: false }
}

/**
 * Parses a successful answer: JSON (without `__proto__`, `constructor` and `prototype` keys), else the text as
 * is; `undefined` when empty. JSON nested deeper than {@link MAX_JSON_DEPTH} is a `ValidationError`
 * (`source: 'response'`) naming `where`.
 *
 * @example
 * parseAnswer('{"id":"a","__proto__":{"admin":true}}', 'GET /projects/a') // { id: 'a' }
 */
export function parseAnswer(text: string, where: string): unknown {
  if (text === '') return undefined
  const { value, tooDeep } = parseChecked(text, undefined)
  if (tooDeep) {
    throw badResponse(
      `${where}: the answer nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels; refused. ` +
        'Report this with the response body.',
    )
  }
  return value
}

/**
 * Parses a server's error body for an error object: JSON with poisonous keys dropped and `apiKey` masked in
 * every string and key, else the masked text; a body nested too deeply stays masked text. `undefined` when empty.
 */
export function parseErrorBody(text: string, apiKey: string | undefined): unknown {
  if (text === '') return undefined
  const key = apiKey && apiKey.length >= MIN_REDACTED_KEY ? apiKey : undefined
  const { value, tooDeep } = parseChecked(text, key)
  return tooDeep ? (key ? redact(text, key) : text) : value
}

/** Keys shorter than this are not masked: masking them would garble ordinary words. */
export const MIN_REDACTED_KEY = 8

/**
 * `text` with every occurrence of `apiKey` replaced by `***` (keys shorter than {@link MIN_REDACTED_KEY} are
 * left alone).
 */
export function redact(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= MIN_REDACTED_KEY && text.includes(apiKey)
    ? text.split(apiKey).join('***')
    : text
}
