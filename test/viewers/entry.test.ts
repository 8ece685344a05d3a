import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Importing `datamint-react/viewers` in Node (SSR, workers, tests) must not evaluate anything that needs a
// browser: cornerstone-core is only imported inside effects. A `window` whose every property access throws
// makes any module-level `window.x` fail the import.
describe('datamint-react/viewers in Node', () => {
  const touched: string[] = []
  beforeAll(() => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    ;(globalThis as { window?: unknown }).window = new Proxy(
      {},
      {
        get(_, key) {
          touched.push(String(key))
          throw new Error(`window.${String(key)} read while importing the viewers entry`)
        },
        has(_, key) {
          touched.push(String(key))
          return false
        },
      },
    )
  })
  afterAll(() => {
    delete (globalThis as { window?: unknown }).window
  })

  it('imports without reading window and exposes the viewers and pure decoders', async () => {
    const viewers = await import('../../src/viewers/index.js')
    expect(touched).toEqual([])
    for (const name of [
      'ResourceViewer',
      'ResourceFileViewer',
      'DicomViewer',
      'NiftiViewer',
      'ImageViewer',
      'VideoViewer',
      'JsonViewer',
      'BytesViewer',
      'decodeDicomFrame',
      'niftiSlice',
    ] as const) {
      expect(typeof viewers[name]).toBe('function')
    }
    expect(typeof document).toBe('undefined')
  })
})
