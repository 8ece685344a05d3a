// Raw Explicit VR Little Endian DICOM pieces for hostile inputs (pure: used in Node and in Chromium tests).
export const u16 = (v: number) => [v & 0xff, (v >>> 8) & 0xff]
export const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24]
export const tag = (t: number) => [...u16(t >>> 16), ...u16(t & 0xffff)]
export const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))
export const even = (b: number[], pad: number) => (b.length % 2 ? [...b, pad] : b)
export const UNDEFINED = 0xffffffff
export const short = (t: number, vr: string, value: number[]) => [
  ...tag(t),
  ...ascii(vr),
  ...u16(value.length),
  ...value,
]
export const text = (t: number, vr: string, s: string) => short(t, vr, even(ascii(s), vr === 'UI' ? 0 : 0x20))
export const us = (t: number, v: number) => short(t, 'US', u16(v))
export const long = (t: number, vr: string, length: number) => [...tag(t), ...ascii(vr), 0, 0, ...u32(length)]
export const item = (length: number) => [...tag(0xfffee000), ...u32(length)]

export function part10(body: number[] | Uint8Array, syntax = '1.2.840.10008.1.2.1'): Uint8Array {
  const meta = text(0x00020010, 'UI', syntax)
  const head = [
    ...new Array(128).fill(0),
    ...ascii('DICM'),
    ...short(0x00020000, 'UL', u32(meta.length)),
    ...meta,
  ]
  const out = new Uint8Array(head.length + body.length)
  out.set(head)
  out.set(body, head.length)
  return out
}

export function image(
  rows: number,
  columns: number,
  options: { bits?: number; frames?: number; photometric?: string; spp?: number } = {},
): number[] {
  const bits = options.bits ?? 16
  return [
    ...text(0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.7'),
    ...us(0x00280002, options.spp ?? 1),
    ...text(0x00280004, 'CS', options.photometric ?? 'MONOCHROME2'),
    ...(options.frames ? text(0x00280008, 'IS', String(options.frames)) : []),
    ...us(0x00280010, rows),
    ...us(0x00280011, columns),
    ...us(0x00280100, bits),
    ...us(0x00280101, bits),
    ...us(0x00280102, bits - 1),
    ...us(0x00280103, 0),
  ]
}

export function u32be(v: number): number[] {
  return [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]
}

/** An encapsulated single-frame image `rows` × `columns` (8-bit) in `syntax`, its one fragment `codestream`. */
export function encapsulatedImage(
  syntax: string,
  rows: number,
  columns: number,
  codestream: number[],
): Uint8Array {
  const fragment = even([...codestream], 0)
  return part10(
    [
      ...image(rows, columns, { bits: 8 }),
      ...long(0x7fe00010, 'OB', UNDEFINED),
      ...item(0),
      ...item(fragment.length),
      ...fragment,
      ...tag(0xfffee0dd),
      ...u32(0),
    ],
    syntax,
  )
}

/** A JPEG-LS codestream (SOF55) declaring `size` × `size` 8-bit, with a scan of four bytes and EOI. */
export function jpegLsHeaderOnly(size: number): number[] {
  const s = [size >> 8, size & 0xff]
  return [
    0xff,
    0xd8,
    0xff,
    0xf7,
    0,
    11,
    8,
    ...s,
    ...s,
    1,
    1,
    0x11,
    0,
    0xff,
    0xda,
    0,
    8,
    1,
    1,
    0,
    0,
    0,
    0,
    1,
    2,
    3,
    4,
    0xff,
    0xd9,
  ]
}
