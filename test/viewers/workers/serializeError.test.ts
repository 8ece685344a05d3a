import { describe, expect, it } from 'vitest'
import { FormatError, ItemNotFoundError } from '../../../src/api/errors.js'
import { deserializeError, serializeError } from '../../../src/viewers/workers/serializeError.js'

/** Through structuredClone, as postMessage does. */
const roundTrip = (e: unknown) => deserializeError(structuredClone(serializeError(e)))

describe('errors across a worker boundary', () => {
  it('a FormatError comes back as a FormatError with its reason, message and cause', () => {
    const error = roundTrip(
      new FormatError('DICOM: truncated.', { reason: 'corrupt', cause: new RangeError('x') }),
    )
    expect(error).toBeInstanceOf(FormatError)
    expect(error).toMatchObject({ name: 'FormatError', message: 'DICOM: truncated.', reason: 'corrupt' })
    expect((error as Error).cause).toBeInstanceOf(Error)
    expect((error as Error).cause).toMatchObject({ name: 'RangeError', message: 'x' })
  })

  it('other DatamintErrors keep their class and fields', () => {
    const error = roundTrip(
      new ItemNotFoundError('GET /resources/1: not found.', {
        status: 404,
        itemType: 'resource',
        itemId: '1',
      }),
    )
    expect(error).toBeInstanceOf(ItemNotFoundError)
    expect(error).toMatchObject({ status: 404, itemType: 'resource', itemId: '1' })
  })

  it('plain errors keep name and message; thrown primitives stay primitives', () => {
    expect(roundTrip(new TypeError('bad'))).toMatchObject({ name: 'TypeError', message: 'bad' })
    expect(roundTrip(12345)).toBe(12345)
    expect(roundTrip('Aborted')).toBe('Aborted')
    expect(roundTrip({ weird: () => 1 })).toBe('[object Object]')
  })
})
