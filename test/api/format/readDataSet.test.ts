import { readdirSync } from 'node:fs'
import dicomParser from 'dicom-parser'
import fc from 'fast-check'
import { inflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import { bigEndian, littleEndian } from '../../../src/api/format/DicomDataSet.js'
import { type DicomLayout, dicomLayout } from '../../../src/api/format/dicomLayout.js'
import { readDataSet } from '../../../src/api/format/readDataSet.js'
import { fixture } from './fixtures.js'

// dicom-parser 1.8 is the reference: our reader must build the same elements, element by element.

const DICOM_FIXTURES = [
  ...readdirSync(new URL('../../fixtures/dicom/', import.meta.url)).map((f) => `dicom/${f}`),
  ...readdirSync(new URL('../../fixtures/generated/', import.meta.url))
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => `generated/${f}`),
].sort()

const RAW_SYNTAX = { explicit: '1.2.840.10008.1.2.1', implicit: '1.2.840.10008.1.2' }
const UNDEFINED_LENGTH = 0xffffffff

interface Reference {
  dataSet?: dicomParser.DataSet
  /** Added to our offsets to get dicom-parser's (it needs the 132-byte preamble we do without). */
  shift: number
}

/** dicom-parser's DataSet for the same bytes (undefined when it throws). */
function reference(bytes: Uint8Array, layout: DicomLayout): Reference {
  let input = bytes
  let shift = 0
  if (layout === 'meta') {
    input = new Uint8Array(132 + bytes.length)
    input.set([0x44, 0x49, 0x43, 0x4d], 128)
    input.set(bytes, 132)
    shift = 132
  }
  const options: dicomParser.ParseDicomOptions = {
    inflater: ((array: Uint8Array, at: number) => {
      const inflated = inflateSync(array.subarray(at))
      const full = new Uint8Array(at + inflated.length)
      full.set(array.subarray(0, at))
      full.set(inflated, at)
      return full
    }) as never,
  }
  if (layout === 'explicit' || layout === 'implicit') options.TransferSyntaxUID = RAW_SYNTAX[layout]
  try {
    return { dataSet: dicomParser.parseDicom(input, options), shift }
  } catch {
    return { shift }
  }
}

const parserName = (parser: unknown) =>
  parser === undefined
    ? undefined
    : parser === littleEndian || parser === dicomParser.littleEndianByteArrayParser
      ? 'little'
      : parser === bigEndian || parser === dicomParser.bigEndianByteArrayParser
        ? 'big'
        : 'other'

/** An element as plain data, offsets made relative to the start of our bytes. */
function plainElement(element: dicomParser.Element, shift: number): unknown {
  return {
    tag: element.tag,
    vr: element.vr,
    length: element.length,
    dataOffset: element.dataOffset === undefined ? undefined : element.dataOffset - shift,
    hadUndefinedLength: element.hadUndefinedLength,
    Value: (element as { Value?: string }).Value,
    parser: parserName(element.parser),
    encapsulatedPixelData: element.encapsulatedPixelData,
    basicOffsetTable: element.basicOffsetTable,
    fragments: element.fragments?.map((f) => ({ ...f, position: f.position - shift })),
    items: element.items?.map((item) => ({
      ...(plainElement(item, shift) as object),
      dataSet: item.dataSet && plainElements(item.dataSet, shift),
    })),
  }
}

function plainElements(dataSet: dicomParser.DataSet, shift: number, only?: string[]): unknown {
  const tags = only ?? Object.keys(dataSet.elements).sort()
  return Object.fromEntries(tags.map((tag) => [tag, plainElement(dataSet.elements[tag], shift)]))
}

/** Whether some element (at any depth) of defined length ends past the data: dicom-parser lets some through. */
function overruns(dataSet: dicomParser.DataSet): boolean {
  return Object.values(dataSet.elements).some(
    (e) =>
      (e.length !== UNDEFINED_LENGTH && e.dataOffset + e.length > dataSet.byteArray.length) ||
      (e.items ?? []).some((item) => item.dataSet !== undefined && overruns(item.dataSet)),
  )
}

type Accessor = 'uint16' | 'int16' | 'uint32' | 'int32' | 'float' | 'double'
type TextAccessor = 'string' | 'text' | 'floatString' | 'intString'
const NUMBERS: Accessor[] = ['uint16', 'int16', 'uint32', 'int32', 'float', 'double']
const TEXTS: TextAccessor[] = ['string', 'text', 'floatString', 'intString']

/** A call's result, or 'throws'. */
function attempt(run: () => unknown): unknown {
  try {
    return run()
  } catch {
    return 'throws'
  }
}

/** Every accessor on every (not too long) element gives what dicom-parser's gives, at any depth. */
function sameAccessors(ours: dicomParser.DataSet, theirs: dicomParser.DataSet): number {
  let checked = 0
  for (const [tag, element] of Object.entries(ours.elements)) {
    if (element.length > 4096 && element.length !== UNDEFINED_LENGTH) continue
    if (element.dataOffset === undefined) {
      // A bare data set's given Transfer Syntax UID: a value, no bytes.
      expect(ours.string(tag)).toBe(theirs.string(tag))
      continue
    }
    const results = (dataSet: dicomParser.DataSet) => {
      const out: Record<string, unknown> = {
        numStringValues: attempt(() => dataSet.numStringValues(tag)),
        attributeTag: attempt(() => dataSet.attributeTag(tag)),
      }
      for (const index of [undefined, 0, 1, 3]) {
        for (const name of NUMBERS) out[`${name}(${index})`] = attempt(() => dataSet[name](tag, index))
        for (const name of TEXTS) out[`${name}(${index})`] = attempt(() => dataSet[name](tag, index))
      }
      return out
    }
    const expected = results(theirs)
    const actual = results(ours)
    for (const key of Object.keys(expected)) {
      // dicom-parser fails with a TypeError on an index past the last value; ours says undefined.
      if (expected[key] === 'throws' && actual[key] === undefined && key.includes('(')) delete expected[key]
      else checked++
      if (!(key in expected)) delete actual[key]
    }
    expect(actual, `accessors of ${tag}`).toEqual(expected)
    const theirItems = theirs.elements[tag].items
    element.items?.forEach((item, i) => {
      const their = theirItems?.[i].dataSet
      if (item.dataSet && their) checked += sameAccessors(item.dataSet, their)
    })
  }
  return checked
}

/** Reads `bytes` with both; returns our DataSet, or the FormatError we threw. */
function compare(bytes: Uint8Array, layout: DicomLayout): { ours?: dicomParser.DataSet; error?: unknown } {
  const { dataSet: theirs, shift } = reference(bytes, layout)
  let ours: dicomParser.DataSet | undefined
  let error: unknown
  try {
    ours = readDataSet(bytes, layout)
  } catch (thrown) {
    error = thrown
    expect(thrown).toBeInstanceOf(FormatError)
  }
  if (theirs === undefined) return { ours, error }
  // dicom-parser overwrites data set elements of group 0002 with the meta's, hiding their overruns.
  const hidden = error instanceof FormatError && /element \(0002,/.test(error.message) && layout === 'part10'
  if (overruns(theirs) || hidden) {
    expect(error, 'an element runs past the end: ours refuses the file').toBeInstanceOf(FormatError)
    return { error }
  }
  expect(error).toBeUndefined()
  const result = ours as dicomParser.DataSet
  const deflated = theirs.string('x00020010') === '1.2.840.10008.1.2.1.99'
  // dicom-parser re-reads a deflated file from byte 0, turning the preamble into junk elements: compare ours only.
  const tags = Object.keys(result.elements).sort()
  if (!deflated) expect(tags).toEqual(Object.keys(theirs.elements).sort())
  expect(plainElements(result, 0, tags)).toEqual(plainElements(theirs, shift, tags))
  expect(parserName(result.byteArrayParser)).toBe(parserName(theirs.byteArrayParser))
  if (shift === 0) expect(result.byteArray).toEqual(theirs.byteArray)
  if (!deflated) expect(result.warnings.length).toBe(theirs.warnings.length)
  return { ours }
}

describe('readDataSet: element by element what dicom-parser reads', () => {
  it.each(DICOM_FIXTURES)('%s', (path) => {
    const bytes = fixture(path)
    const layout = dicomLayout(bytes) as DicomLayout
    const { ours, error } = compare(bytes, layout)
    if (path.endsWith('MR_truncated.dcm')) {
      expect((error as Error).message).toMatch(
        /^DICOM: truncated at byte 9630 while reading element \(7FE0,0010\)/,
      )
      return
    }
    expect(ours).toBeDefined()
    expect(
      sameAccessors(ours as dicomParser.DataSet, reference(bytes, layout).dataSet as dicomParser.DataSet),
    ).toBeGreaterThan(100)
  })

  it("dicom-parser's encapsulated-frame readers work on our data sets (the viewers' and testing helpers' path)", () => {
    let frames = 0
    for (const path of DICOM_FIXTURES) {
      const bytes = fixture(path)
      const layout = dicomLayout(bytes) as DicomLayout
      const theirs = reference(bytes, layout).dataSet
      const pixels = theirs?.elements.x7fe00010
      if (!theirs || !pixels?.encapsulatedPixelData) continue
      const ours = readDataSet(bytes, layout)
      const ourPixels = ours.elements.x7fe00010
      const count = theirs.intString('x00280008') ?? 1
      for (let frame = 0; frame < count; frame++) {
        const read = (dataSet: dicomParser.DataSet, element: dicomParser.Element) =>
          attempt(() => Array.from(dicomParser.readEncapsulatedImageFrame(dataSet, element, frame)))
        expect(read(ours, ourPixels), `${path} frame ${frame}`).toEqual(read(theirs, pixels))
        frames++
      }
      const all = (dataSet: dicomParser.DataSet, element: dicomParser.Element) =>
        Array.from(
          dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, 0, element.fragments?.length),
        )
      expect(all(ours, ourPixels)).toEqual(all(theirs, pixels))
      expect(dicomParser.createJPEGBasicOffsetTable(ours, ourPixels)).toEqual(
        dicomParser.createJPEGBasicOffsetTable(theirs, pixels),
      )
    }
    expect(frames).toBeGreaterThan(20)
  })

  it('reads the file meta without its preamble, in place', () => {
    const full = fixture('dicom/MR_small.dcm')
    const bytes = full.subarray(132)
    const { ours } = compare(bytes, 'meta')
    expect(ours?.byteArray).toBe(bytes)
    expect(ours?.string('x00020010')).toBe('1.2.840.10008.1.2.1')
  })

  it('references the input: pixel data is not copied', () => {
    const bytes = fixture('dicom/CT_small.dcm')
    expect(readDataSet(bytes, 'part10').byteArray).toBe(bytes)
  })

  it('reads big-endian values with the big-endian parser, file meta with the little-endian one', () => {
    const dataSet = readDataSet(fixture('dicom/MR_small_bigendian.dcm'), 'part10')
    expect(dataSet.byteArrayParser).toBe(bigEndian)
    expect(dataSet.elements.x00020010.parser).toBe(littleEndian)
    expect([dataSet.uint16('x00280010'), dataSet.uint16('x00280011')]).toEqual([64, 64])
  })

  it('agrees with dicom-parser on mutated and truncated files', () => {
    const files = [
      'CT_small.dcm',
      'MR_small_implicit.dcm',
      'MR_small_bigendian.dcm',
      'SC_rgb_rle_2frame.dcm',
      'JPEG2000.dcm',
      'rtdose.dcm',
    ].map((f) => fixture(`dicom/${f}`))
    let agreed = 0
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        // Two runs in three keep the whole file, so most mutated files still parse.
        fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.nat(), weight: 1 }),
        (source, mutations, cut) => {
          const bytes = source.slice(0, cut === undefined ? undefined : 132 + (cut % (source.length - 132)))
          for (const [at, value] of mutations) bytes[132 + (at % (bytes.length - 132))] = value
          if (compare(bytes, 'part10').ours) agreed++
        },
      ),
      { numRuns: 600, seed: 99 },
    )
    expect(agreed).toBeGreaterThan(200)
  }, 120_000)
})
