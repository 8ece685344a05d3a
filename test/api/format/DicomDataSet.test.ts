import dicomParser from 'dicom-parser'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import { bigEndian, DicomDataSet, littleEndian } from '../../../src/api/format/DicomDataSet.js'

// The accessors must answer as dicom-parser's DataSet does on the same bytes and elements.

type Reference = new (
  parser: dicomParser.ByteArrayParser,
  bytes: Uint8Array,
  elements: Record<string, dicomParser.Element>,
) => dicomParser.DataSet
const ReferenceDataSet = (dicomParser as unknown as { DataSet: Reference }).DataSet

const ACCESSORS = [
  'uint16',
  'int16',
  'uint32',
  'int32',
  'float',
  'double',
  'string',
  'text',
  'floatString',
  'intString',
] as const

const text = (s: string) => [...s].map((c) => c.charCodeAt(0))

/** Elements laid one after another over `values`, tagged x00000001, x00000002, ... */
function layout(values: number[][]): { bytes: Uint8Array; elements: Record<string, dicomParser.Element> } {
  const elements: Record<string, dicomParser.Element> = {}
  let at = 0
  values.forEach((value, i) => {
    const tag = `x${(i + 1).toString(16).padStart(8, '0')}`
    elements[tag] = { tag, vr: 'UN', length: value.length, dataOffset: at }
    at += value.length
  })
  return { bytes: new Uint8Array(values.flat()), elements }
}

function answers(dataSet: dicomParser.DataSet, tags: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const tag of [...tags, 'x7fe00010']) {
    const call = (key: string, run: () => unknown) => {
      try {
        out[`${tag} ${key}`] = run()
      } catch {
        out[`${tag} ${key}`] = 'throws'
      }
    }
    call('numStringValues', () => dataSet.numStringValues(tag))
    call('attributeTag', () => dataSet.attributeTag(tag))
    for (const name of ACCESSORS) {
      for (const index of [undefined, 0, 1, 2]) call(`${name}(${index})`, () => dataSet[name](tag, index))
    }
  }
  return out
}

function same(values: number[][], big = false): void {
  const { bytes, elements } = layout(values)
  const ours = new DicomDataSet(big ? bigEndian : littleEndian, bytes, elements)
  const theirs = new ReferenceDataSet(
    big ? dicomParser.bigEndianByteArrayParser : dicomParser.littleEndianByteArrayParser,
    bytes,
    elements,
  )
  const expected = answers(theirs, Object.keys(elements))
  const actual = answers(ours, Object.keys(elements))
  for (const key of Object.keys(expected)) {
    // dicom-parser fails with a TypeError on an index past the last value; ours says undefined.
    if (expected[key] === 'throws' && actual[key] === undefined) delete expected[key]
    if (!(key in expected)) delete actual[key]
  }
  expect(actual).toEqual(expected)
}

describe('DicomDataSet accessors: what dicom-parser answers', () => {
  it('text values: trimming, multiple values by index, NUL ends, numbers in text', () => {
    same([
      text('  ORIGINAL\\PRIMARY \\ AXIAL '),
      text('  leading kept, trailing dropped   '),
      text('12.5\\-3e2 \\ 7 '),
      text(' 42\\0x1A\\-7'),
      [...text('UID.1.2'), 0, ...text('junk')],
      [],
      text('\\'),
    ])
  })

  it('binary values in both byte orders: signed, unsigned, floats, attribute tags', () => {
    const values = [
      [0xff, 0xfe, 0x01, 0x80, 0x00, 0x00, 0x80, 0x3f],
      [0x00, 0x00, 0xc0, 0x7f, 0x18, 0x2d, 0x44, 0x54, 0xfb, 0x21, 0x09, 0x40],
      [0x28, 0x00, 0x10, 0x00],
      [0x01, 0x02, 0x03],
    ]
    same(values)
    same(values, true)
  })

  it('random bytes and element bounds, reads past the end included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 24 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (values, big) =>
          same(
            values.map((v) => [...v]),
            big,
          ),
      ),
      { numRuns: 300, seed: 2026 },
    )
  })

  it('a read past the end of the data is a FormatError saying where', () => {
    const { bytes, elements } = layout([[1, 2, 3]])
    const dataSet = new DicomDataSet(littleEndian, bytes, elements)
    expect(() => dataSet.uint32('x00000001')).toThrowError(FormatError)
    expect(() => dataSet.uint32('x00000001')).toThrowError(
      'DICOM: truncated at byte 3 while reading 4 bytes at byte 0.',
    )
  })
})
