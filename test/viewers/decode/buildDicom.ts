// A tiny DICOM Part 10 writer (Explicit VR Little Endian) so tests can build images the tools cannot make
// (palette, 1-bit, masked bits, LUT sequences) from real fixtures' pixels.
import dicomParser from 'dicom-parser'
import type { DicomData } from '../../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'

export interface DicomElement {
  tag: number
  vr: string
  value: Uint8Array
}

const LONG_VRS = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'SQ', 'UT', 'UN', 'UC', 'UR'])
const enc = new TextEncoder()

function pad(bytes: Uint8Array, with0: boolean): Uint8Array {
  if (bytes.length % 2 === 0) return bytes
  const out = new Uint8Array(bytes.length + 1)
  out.set(bytes)
  out[bytes.length] = with0 ? 0 : 0x20
  return out
}

const text =
  (vr: string) =>
  (tag: number, value: string): DicomElement => ({
    tag,
    vr,
    value: pad(enc.encode(value), vr === 'UI'),
  })
export const ui = text('UI')
export const cs = text('CS')
export const ds = text('DS')
export const is = text('IS')
export const lo = text('LO')

export function us(tag: number, ...values: number[]): DicomElement {
  const value = new Uint8Array(values.length * 2)
  const view = new DataView(value.buffer)
  for (const [i, v] of values.entries()) view.setUint16(i * 2, v, true)
  return { tag, vr: 'US', value }
}

export function ow(tag: number, data: ArrayBufferView): DicomElement {
  return {
    tag,
    vr: 'OW',
    value: pad(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice(), true),
  }
}

export function ob(tag: number, data: Uint8Array): DicomElement {
  return { tag, vr: 'OB', value: pad(data, true) }
}

export function sq(tag: number, items: DicomElement[][]): DicomElement {
  const parts = items.map((item) => {
    const body = encodeElements(item)
    return concat([header(0xfffee000, body.length), body])
  })
  return { tag, vr: 'SQ', value: concat(parts) }
}

function header(tag: number, length: number): Uint8Array {
  const out = new Uint8Array(8)
  const v = new DataView(out.buffer)
  v.setUint16(0, tag >>> 16, true)
  v.setUint16(2, tag & 0xffff, true)
  v.setUint32(4, length, true)
  return out
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function encodeElements(elements: DicomElement[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => a.tag - b.tag)
  return concat(
    sorted.map((e) => {
      const long = LONG_VRS.has(e.vr)
      const h = new Uint8Array(long ? 12 : 8)
      const v = new DataView(h.buffer)
      v.setUint16(0, e.tag >>> 16, true)
      v.setUint16(2, e.tag & 0xffff, true)
      h[4] = e.vr.charCodeAt(0)
      h[5] = e.vr.charCodeAt(1)
      if (long) v.setUint32(8, e.value.length, true)
      else v.setUint16(6, e.value.length, true)
      return concat([h, e.value])
    }),
  )
}

/** Part 10 bytes: preamble, DICM, file meta with the transfer syntax, then the data set elements. */
export function writeDicom(elements: DicomElement[], transferSyntaxUID = '1.2.840.10008.1.2.1'): Uint8Array {
  const meta = encodeElements([
    ob(0x00020001, new Uint8Array([0, 1])),
    ui(0x00020002, '1.2.840.10008.5.1.4.1.1.7'),
    ui(0x00020003, '1.2.3.4.5.6.7'),
    ui(0x00020010, transferSyntaxUID),
  ])
  const groupLength = {
    tag: 0x00020000,
    vr: 'UL',
    value: new Uint8Array(new Uint32Array([meta.length]).buffer),
  }
  return concat([
    new Uint8Array(128),
    enc.encode('DICM'),
    encodeElements([groupLength]),
    meta,
    encodeElements(elements),
  ])
}

export interface ImageSpec {
  rows: number
  columns: number
  pixels: ArrayBufferView
  bitsAllocated: number
  bitsStored?: number
  highBit?: number
  pixelRepresentation?: 0 | 1
  samplesPerPixel?: number
  photometric?: string
  planarConfiguration?: 0 | 1
  frames?: number
  extra?: DicomElement[]
}

/**
 * DicomData straight from dicom-parser, for layouts convertFormat's size check rejects although they are
 * valid (it counts 3 samples per pixel for native YBR_FULL_422, which stores 2).
 */
export function parseUnchecked(bytes: Uint8Array): DicomData {
  const dataSet = dicomParser.parseDicom(bytes)
  return {
    kind: 'dicom',
    mimetype: 'application/dicom',
    dataSet,
    rows: dataSet.uint16('x00280010') ?? 0,
    columns: dataSet.uint16('x00280011') ?? 0,
    numberOfFrames: Number(dataSet.string('x00280008') ?? 1),
    transferSyntaxUID: dataSet.string('x00020010') ?? '',
    photometricInterpretation: dataSet.string('x00280004') ?? '',
  }
}

/** A native Explicit VR LE image parsed by convertFormat (or dicom-parser alone), as the viewers receive it. */
export function buildImage(
  spec: ImageSpec,
  parse: 'convertFormat' | 'unchecked' = 'convertFormat',
): DicomData {
  const spp = spec.samplesPerPixel ?? 1
  const bitsStored = spec.bitsStored ?? spec.bitsAllocated
  const elements = [
    us(0x00280002, spp),
    cs(0x00280004, spec.photometric ?? (spp === 3 ? 'RGB' : 'MONOCHROME2')),
    us(0x00280010, spec.rows),
    us(0x00280011, spec.columns),
    us(0x00280100, spec.bitsAllocated),
    us(0x00280101, bitsStored),
    us(0x00280102, spec.highBit ?? bitsStored - 1),
    us(0x00280103, spec.pixelRepresentation ?? 0),
    ow(0x7fe00010, spec.pixels),
    ...(spec.extra ?? []),
  ]
  if (spp === 3) elements.push(us(0x00280006, spec.planarConfiguration ?? 0))
  if (spec.frames) elements.push(is(0x00280008, String(spec.frames)))
  if (parse === 'unchecked') return parseUnchecked(writeDicom(elements))
  const data = convertFormat(writeDicom(elements), 'application/dicom')
  if (data.kind !== 'dicom') throw new Error('not parsed as DICOM')
  return data
}
