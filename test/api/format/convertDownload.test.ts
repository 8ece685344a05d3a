import { describe, expect, it } from 'vitest'
import { convertDownloadNow as convertDownload } from '../../../src/api/convertDownloadNow.js'
import { FormatError } from '../../../src/api/errors.js'
import { fixture } from './fixtures.js'

const text = (s: string) => new TextEncoder().encode(s)

// Downloads keep their own rule (unlike convertFormat, where an explicit mimetype decides): content first,
// the resource's declared type as the fallback, and what this library does not interpret as bytes.
describe('convertDownload: content first, declared type as fallback', () => {
  it('recognisable content wins over the declared type', () => {
    expect(convertDownload(fixture('dicom/CT_small.dcm'), 'image/png').kind).toBe('dicom')
    expect(convertDownload(fixture('image/ct_small.png'), 'application/octet-stream').kind).toBe('image')
  })

  it('the declared type decides for content that says little', () => {
    const ts = new Uint8Array(376).fill(0x47)
    expect(convertDownload(ts, 'video/mp2t')).toEqual({ kind: 'video', mimetype: 'video/mp2t', bytes: ts })
  })

  it('empty, unsupported and undetectable content come back as bytes (branching on FormatError.reason)', () => {
    const plain = text('a,b\n1,2')
    expect(convertDownload(plain, 'text/csv')).toEqual({ kind: 'bytes', mimetype: 'text/csv', bytes: plain })
    expect(convertDownload(plain, undefined).kind).toBe('bytes')
    expect(convertDownload(new Uint8Array(), 'application/dicom').kind).toBe('bytes')
    const svg = text('<svg/>')
    expect(convertDownload(svg, 'image/svg+xml')).toEqual({
      kind: 'bytes',
      mimetype: 'image/svg+xml',
      bytes: svg,
    })
  })

  it('corrupt content of a known type throws FormatError', () => {
    const truncated = fixture('dicom/MR_truncated.dcm')
    expect(() => convertDownload(truncated, 'application/dicom')).toThrowError(FormatError)
  })
})
