import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import {
  badArgument,
  badResponse,
  DatamintError,
  ItemNotFoundError,
  isDatamintError,
  RateLimitError,
  ValidationError,
} from '../../../src/api/errors.js'

describe('isDatamintError', () => {
  it('is true for every error class of the library', () => {
    expect(isDatamintError(new DatamintError('x'))).toBe(true)
    expect(isDatamintError(new ItemNotFoundError('x', { status: 404 }))).toBe(true)
    expect(isDatamintError(new RateLimitError('x', { status: 429, retryAfter: 3 }))).toBe(true)
  })

  it('is false for other errors and values, including look-alikes without the brand', () => {
    for (const value of [
      new Error('x'),
      new TypeError('x'),
      { name: 'DatamintError', message: 'x' },
      null,
      'x',
      42,
    ]) {
      expect(isDatamintError(value)).toBe(false)
    }
  })

  it('works across realms, where instanceof does not', () => {
    // An error built in another realm with the same registered brand, as a second copy of the library would.
    const foreign = runInNewContext(`
      const e = new Error('from elsewhere')
      e.name = 'ItemNotFoundError'
      Object.defineProperty(e, Symbol.for('datamint-react.DatamintError'), { value: true })
      e
    `)
    expect(foreign instanceof DatamintError).toBe(false)
    expect(isDatamintError(foreign)).toBe(true)
  })
})

describe('ValidationError.source', () => {
  it('says where the bad value came from', () => {
    expect(badArgument('bad id.', 'id').source).toBe('argument')
    expect(badResponse('bad answer.', '[0].id').source).toBe('response')
    expect(new ValidationError('rejected', { status: 422 }).source).toBe('server')
    expect(new ValidationError('no status').source).toBe('argument')
  })
})
