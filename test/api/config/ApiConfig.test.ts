import { describe, expect, it } from 'vitest'
import { ApiConfig } from '../src/api/ApiConfig.js'
import { ValidationError } from '../src/api/errors.js'

describe('ApiConfig', () => {
  it('applies defaults and strips the trailing slash', () => {
    const c = new ApiConfig({ serverUrl: 'https://api.datamint.io/' })
    expect(c.serverUrl).toBe('https://api.datamint.io')
    expect(c.timeout).toBe(30)
    expect(c.maxRetries).toBe(3)
  })
  it('refuses a non-http URL', () => {
    expect(() => new ApiConfig({ serverUrl: 'ftp://x' })).toThrow(ValidationError)
  })
})
