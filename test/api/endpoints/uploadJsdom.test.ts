// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startWire, uuid, type Wire } from './wire.js'

// jsdom's Blob has no arrayBuffer(): the mimetype guess must read the head another way.
let wire: Wire
beforeEach(async () => {
  wire = await startWire()
})
afterEach(() => wire.close())

describe('uploadResource in jsdom', () => {
  it('guesses the mimetype of a jsdom Blob without a type', async () => {
    const blob = new Blob([new Uint8Array(readFileSync('test/fixtures/dicom/CT_small.dcm'))])
    expect(typeof (blob as Partial<Blob>).arrayBuffer).not.toBe('function')
    wire.route(() => ({ json: { id: uuid(3) } }))
    expect(await wire.api.resources.uploadResource(blob, { filename: 'scan.bin' })).toBe(uuid(3))
    const form = await wire.requests[0].form()
    expect(form.get('mimetype')).toBe('application/dicom')
    expect(((await form.get('resource')) as File).size).toBe(blob.size)
  })
})
