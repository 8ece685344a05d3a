import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ApiConfig } from '../../../src/api/ApiConfig.js'
import { ValidationError } from '../../../src/api/errors.js'

describe('ApiConfig', () => {
  it('applies the SDK defaults and strips trailing slashes', () => {
    const c = new ApiConfig({ serverUrl: 'https://api.datamint.io//' })
    expect(c.serverUrl).toBe('https://api.datamint.io')
    expect(c.timeout).toBe(30)
    expect(c.maxRetries).toBe(3)
    expect(c.apiKey).toBeUndefined()
  })

  it('keeps explicit timeout and maxRetries, including 0 retries', () => {
    const c = new ApiConfig({ serverUrl: 'http://127.0.0.1:8080', timeout: 2.5, maxRetries: 0 })
    expect(c.timeout).toBe(2.5)
    expect(c.maxRetries).toBe(0)
  })

  it.each(['ftp://x.org', 'api.datamint.io', '', 'http//broken', 'javascript:alert(1)'])(
    'refuses %j as serverUrl with a message that says what is expected',
    (serverUrl) => {
      expect(() => new ApiConfig({ serverUrl })).toThrow(ValidationError)
      expect(() => new ApiConfig({ serverUrl })).toThrow(/serverUrl must be an http\(s\) URL/)
    },
  )

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses timeout %s', (timeout) => {
    expect(() => new ApiConfig({ serverUrl: 'https://x.io', timeout })).toThrow(/timeout/)
  })

  it.each([-1, 1.5])('refuses maxRetries %s', (maxRetries) => {
    expect(() => new ApiConfig({ serverUrl: 'https://x.io', maxRetries })).toThrow(/maxRetries/)
  })

  it.each([
    ['http://localhost:3001', 'http://localhost:3000'],
    ['http://localhost', 'http://localhost:3000'],
    ['https://stagingapi.datamint.io', 'https://staging.datamint.io'],
    ['https://api.datamint.io', 'https://app.datamint.io'],
    ['https://datamint.example.org', 'https://app.datamint.io'],
  ])('webAppUrl for %s is %s', (serverUrl, webAppUrl) => {
    expect(new ApiConfig({ serverUrl }).webAppUrl).toBe(webAppUrl)
  })

  it('never prints the API key: console.log / util.inspect / JSON.stringify', () => {
    const key = 'sk-live-0123456789abcdef'
    const c = new ApiConfig({ serverUrl: 'https://api.datamint.io', apiKey: key })
    expect(c.apiKey).toBe(key)
    expect(inspect(c, { depth: 5, showHidden: true })).not.toContain(key)
    expect(JSON.stringify(c)).not.toContain(key)
    expect(JSON.parse(JSON.stringify(c))).toEqual({
      serverUrl: 'https://api.datamint.io',
      apiKey: '***',
      timeout: 30,
      maxRetries: 3,
    })
    expect(String(Object.values(c))).not.toContain(key)
  })
})
