import dicomParser from 'dicom-parser'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readDataSet } from '../../../src/api/format/readDataSet.js'
import { fixture } from './fixtures.js'

const LITTLE_ENDIAN = [
  'CT_small.dcm',
  'MR_small.dcm',
  'MR_small_implicit.dcm',
  'MR_small_RLE.dcm',
  'MR_small_jpeg_ls_lossless.dcm',
  'JPEG2000.dcm',
  'SC_rgb_jpeg_dcmtk.dcm',
  'SC_rgb_rle_2frame.dcm',
  'rtdose.dcm',
]

/** dicom-parser's own result, or the marker 'throws'. */
function reference(bytes: Uint8Array, rawSyntax?: string): dicomParser.DataSet | 'throws' {
  try {
    return dicomParser.parseDicom(bytes, rawSyntax ? { TransferSyntaxUID: rawSyntax } : {})
  } catch {
    return 'throws'
  }
}

/** A DataSet as plain data, nested data sets included, without the (identical) byte arrays. */
function plain(dataSet: dicomParser.DataSet): unknown {
  const elements: Record<string, unknown> = {}
  for (const [tag, element] of Object.entries(dataSet.elements)) {
    expect(element.dataSet?.byteArray ?? dataSet.byteArray).toBe(dataSet.byteArray)
    elements[tag] = {
      ...element,
      parser:
        element.parser === undefined ? undefined : element.parser === dicomParser.littleEndianByteArrayParser,
      dataSet: element.dataSet && plain(element.dataSet),
      items: element.items?.map((item) => ({ ...item, dataSet: item.dataSet && plain(item.dataSet) })),
    }
  }
  return { keys: Object.keys(dataSet.elements), elements, warnings: dataSet.warnings }
}

/** readDataSet builds exactly dicom-parser's DataSet, or declines (undefined) and lets dicom-parser run. */
function sameAsDicomParser(bytes: Uint8Array, rawSyntax?: string): boolean {
  const fast = readDataSet(bytes, rawSyntax)
  if (fast === undefined) return false
  const expected = reference(bytes, rawSyntax)
  expect(expected).not.toBe('throws')
  const ref = expected as dicomParser.DataSet
  expect(fast.byteArray).toBe(ref.byteArray)
  expect(fast.byteArrayParser).toBe(ref.byteArrayParser)
  expect(plain(fast)).toEqual(plain(ref))
  expect(fast).toBeInstanceOf(ref.constructor)
  return true
}

describe('readDataSet: the same DataSet as dicom-parser, faster', () => {
  it.each(LITTLE_ENDIAN)('%s', (file) => {
    expect(sameAsDicomParser(fixture(`dicom/${file}`))).toBe(true)
  })

  it('reads a bare data set with the transfer syntax given', () => {
    expect(sameAsDicomParser(fixture('dicom/CT_small_nometa.dcm'), '1.2.840.10008.1.2.1')).toBe(true)
  })

  it('declines big-endian and deflated files (dicom-parser reads those)', () => {
    expect(readDataSet(fixture('dicom/MR_small_bigendian.dcm'), undefined)).toBeUndefined()
    expect(readDataSet(fixture('dicom/image_dfl.dcm'), undefined)).toBeUndefined()
  })

  it('declines truncated input, so dicom-parser reports it', () => {
    expect(readDataSet(fixture('dicom/MR_truncated.dcm'), undefined)).toBeUndefined()
  })

  it('agrees with dicom-parser on mutated and truncated files', () => {
    const files = ['CT_small.dcm', 'MR_small_implicit.dcm', 'SC_rgb_rle_2frame.dcm', 'rtdose.dcm'].map((f) =>
      fixture(`dicom/${f}`),
    )
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
        (source, mutations, cut) => {
          const bytes = source.slice(0, cut === undefined ? undefined : 132 + (cut % (source.length - 132)))
          for (const [at, value] of mutations) bytes[132 + (at % (bytes.length - 132))] = value
          sameAsDicomParser(bytes)
        },
      ),
      { numRuns: 400, seed: 99 },
    )
  }, 60_000)
})
