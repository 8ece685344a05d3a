import { inspect } from 'node:util'
import { afterEach, describe, expect, it, vi } from 'vitest'
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

  it.each([
    ['https://user:s3cr3t-pass@api.datamint.io', /without user or password/],
    ['https://:s3cr3t-pass@api.datamint.io', /without user or password/],
    ['https://api.datamint.io/?x=1', /without query/],
    ['https://api.datamint.io/v1?', /without query/],
    ['https://api.datamint.io/#top', /without query \(\?…\) or fragment/],
    ['ftp://user:s3cr3t-pass@x.org', /http\(s\) URL/],
  ])('refuses %s with a ValidationError that does not echo the password', (serverUrl, rule) => {
    let error: unknown
    try {
      new ApiConfig({ serverUrl })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).source).toBe('argument')
    expect((error as ValidationError).field).toBe('serverUrl')
    expect((error as Error).message).toMatch(rule)
    expect((error as Error).message).not.toContain('s3cr3t-pass')
    expect(JSON.stringify(error)).not.toContain('s3cr3t-pass')
  })

  describe('plain http', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    afterEach(() => warn.mockClear())

    it('warns once per origin for a host other than this machine', () => {
      new ApiConfig({ serverUrl: 'http://datamint.hospital.example' })
      new ApiConfig({ serverUrl: 'http://datamint.hospital.example/api' })
      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0][0]).toContain('http://datamint.hospital.example is plain http')
      new ApiConfig({ serverUrl: 'http://10.0.0.7:8080' })
      expect(warn).toHaveBeenCalledTimes(2)
    })

    it.each([
      'http://localhost:3001',
      'http://api.localhost',
      'http://127.0.0.1:9',
      'http://127.1.2.3',
      'http://[::1]:8080',
      'https://api.datamint.io',
    ])('stays quiet for %s', (serverUrl) => {
      new ApiConfig({ serverUrl })
      expect(warn).not.toHaveBeenCalled()
    })
  })
})
