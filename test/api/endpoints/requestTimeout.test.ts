import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiConfig } from '../../../src/api/ApiConfig.js'
import { BaseApi, type RequestOptions } from '../../../src/api/BaseApi.js'
import { TimeoutError } from '../../../src/api/errors.js'
import { KEY, rejectionOf, startWire, type Wire } from './wire.js'

class Probe extends BaseApi {
  get(options?: RequestOptions) {
    return this.requestJson('GET', 'slow', options)
  }
}

let wire: Wire
beforeEach(async () => {
  wire = await startWire(async () => {
    await new Promise((resolve) => setTimeout(resolve, 500))
    return { json: { ok: true } }
  })
})
afterEach(() => wire.close())

function probe(timeout: number): Probe {
  return new Probe(
    new ApiConfig({ serverUrl: wire.api.config.serverUrl, apiKey: KEY, timeout, maxRetries: 0 }),
  )
}

describe('RequestOptions.timeout', () => {
  it('gives one request longer than ApiConfig.timeout; the others keep the config timeout', async () => {
    const api = probe(0.2)
    expect(await api.get({ timeout: 3 })).toEqual({ ok: true })
    const error = await rejectionOf(() => api.get())
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as Error).message).toContain('after 0.2 s')
  })

  it('cuts one request shorter, and the message names that request timeout', async () => {
    const error = await rejectionOf(() => probe(30).get({ timeout: 0.1 }))
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as Error).message).toContain('after 0.1 s')
  })
})
