// Hostile input families for bench/hostile.bench.ts: each a bounded generator of inputs (decompression bombs are
// streamed through fflate, never held inflated), built from the fixtures or from raw bytes.
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { Deflate, Gzip, inflateSync } from 'fflate'
import {
  encapsulatedImage,
  image,
  item,
  jpegLsHeaderOnly,
  long,
  part10,
  short,
  tag,
  UNDEFINED,
  u16,
  u32,
  u32be,
} from '../test/fuzz/hostileDicom.js'
import { applyMutations, mutationsArbitrary } from '../test/fuzz/mutations.js'
import { concat } from '../test/viewers/decode/buildDicom.js'

export interface HostileInput {
  name: string
  bytes: Uint8Array
  mimetype?: string
}

const fixture = (path: string) =>
  new Uint8Array(readFileSync(new URL(`../test/fixtures/${path}`, import.meta.url)))
const corpusPaths = () =>
  ['dicom', 'nifti', 'image', 'video', 'generated'].flatMap((folder) =>
    readdirSync(new URL(`../test/fixtures/${folder}/`, import.meta.url))
      .filter((f) => !f.endsWith('.md'))
      .map((f) => `${folder}/${f}`),
  )

/** Concatenated deflate output of `head` followed by `zeros` zero bytes, streamed in 1 MiB pieces. */
function deflateWithZeros(stream: Gzip | Deflate, head: Uint8Array, zeros: number): Uint8Array {
  const out: Uint8Array[] = []
  stream.ondata = (chunk) => out.push(chunk)
  stream.push(head)
  const block = new Uint8Array(2 ** 20)
  for (let left = zeros; left > 0; left -= block.length)
    stream.push(block.subarray(0, Math.min(block.length, left)))
  stream.push(new Uint8Array(), true)
  return concat(out)
}

/** anatomical.nii's header with dims, datatype and bitpix replaced. */
function niftiHeader(dims: number[], datatype = 4, bitpix = 16): Uint8Array {
  const header = fixture('nifti/anatomical.nii').slice(0, 352)
  const view = new DataView(header.buffer)
  view.setInt16(40, dims.length, true)
  for (let i = 0; i < 7; i++) view.setInt16(42 + 2 * i, dims[i] ?? 1, true)
  view.setInt16(70, datatype, true)
  view.setInt16(72, bitpix, true)
  view.setFloat32(108, 352, true) // vox_offset
  return header
}

const GiB = 2 ** 30

export const FAMILIES: Record<string, { about: string; inputs: () => Iterable<HostileInput> }> = {
  'allocation bombs (DICOM)': {
    about: 'Rows/Columns 65535, Number of Frames up to 2^31-1, 16/32 bits, RGB: a few bytes of pixel data',
    *inputs() {
      for (const frames of [1, 1000, 2 ** 31 - 1])
        for (const [bits, spp] of [
          [16, 1],
          [32, 1],
          [8, 3],
        ] as const) {
          const body = [
            ...image(65535, 65535, { bits, frames, spp, photometric: spp === 3 ? 'RGB' : 'MONOCHROME2' }),
            ...long(0x7fe00010, 'OW', 16),
            ...new Array(16).fill(1),
          ]
          yield { name: `65535x65535x${frames} ${bits}-bit x${spp}`, bytes: part10(body) }
        }
      // Allowed by the limit (just under 512 MiB) but not present: must be refused as truncated, not allocated.
      yield {
        name: '16383x16383 16-bit, 16 bytes present',
        bytes: part10([...image(16383, 16383), ...long(0x7fe00010, 'OW', 16), ...new Array(16).fill(1)]),
      }
    },
  },
  'allocation bombs (NIfTI dims)': {
    about: 'NIfTI-1 headers declaring up to 32767^4 float64 voxels with no voxel data (.nii and .nii.gz)',
    *inputs() {
      for (const dims of [
        [32767, 32767, 32767, 32767],
        [32767, 32767, 1],
        [1024, 1024, 64],
      ])
        for (const [datatype, bitpix] of [
          [64, 64],
          [2, 8],
        ]) {
          const header = niftiHeader(dims, datatype, bitpix)
          yield { name: `${dims.join('x')} dt${datatype}`, bytes: header }
          yield { name: `${dims.join('x')} dt${datatype} gz`, bytes: deflateWithZeros(new Gzip(), header, 0) }
        }
    },
  },
  'decompression bombs (.nii.gz)': {
    about:
      '1-voxel header + 2 GiB of gzipped zeros (~2 MiB file); 64^3 int16 + 1 GiB; 8 GiB declared + 1 GiB',
    *inputs() {
      yield {
        name: '1 voxel + 2 GiB zeros',
        bytes: deflateWithZeros(new Gzip({ level: 9 }), niftiHeader([1, 1, 1], 2, 8), 2 * GiB),
      }
      yield {
        name: '64^3 int16 + 1 GiB zeros',
        bytes: deflateWithZeros(new Gzip(), niftiHeader([64, 64, 64]), GiB),
      }
      yield {
        name: '8192x8192x16 float64 (8 GiB declared) + 1 GiB zeros',
        bytes: deflateWithZeros(new Gzip({ level: 9 }), niftiHeader([8192, 8192, 16], 64, 64), GiB),
      }
    },
  },
  'deflated DICOM padding': {
    about:
      'image_dfl.dcm re-deflated with 2 GiB of zeros after its data set; a deflated header declaring 16383^2',
    *inputs() {
      const file = fixture('dicom/image_dfl.dcm')
      const metaEnd = 144 + new DataView(file.buffer, file.byteOffset).getUint32(140, true)
      const dataSet = inflateSync(file.subarray(metaEnd))
      const bomb = deflateWithZeros(new Deflate({ level: 9 }), dataSet, 2 * GiB)
      const out = new Uint8Array(metaEnd + bomb.length)
      out.set(file.subarray(0, metaEnd))
      out.set(bomb, metaEnd)
      yield { name: 'image_dfl + 2 GiB zeros', bytes: out }
      const forged = deflateWithZeros(
        new Deflate({ level: 9 }),
        Uint8Array.from([...image(16383, 16383), ...long(0x7fe00010, 'OW', 16383 * 16383 * 2)]),
        GiB,
      )
      yield { name: '16383^2 declared, 1 GiB zeros', bytes: part10(forged, '1.2.840.10008.1.2.1.99') }
    },
  },
  'deep nesting': {
    about: 'sequences/items nested 100,000 deep, with and without delimiters',
    *inputs() {
      const depth = 100_000
      const open = [...long(0x00081140, 'SQ', UNDEFINED), ...item(UNDEFINED)]
      const close = [...tag(0xfffee00d), ...u32(0), ...tag(0xfffee0dd), ...u32(0)]
      const opens = new Uint8Array(open.length * depth)
      for (let i = 0; i < depth; i++) opens.set(open, i * open.length)
      yield { name: `${depth} open, no delimiters`, bytes: part10(opens) }
      const closed = new Uint8Array(opens.length + close.length * depth)
      closed.set(opens)
      for (let i = 0; i < depth; i++) closed.set(close, opens.length + i * close.length)
      yield { name: `${depth} open and closed`, bytes: part10(closed) }
      const defined = new Uint8Array(12 * depth)
      for (let i = 0; i < depth; i++) defined.set([...long(0x00081140, 'SQ', (depth - i) * 12 - 12)], i * 12)
      yield { name: `${depth} defined-length SQ in SQ`, bytes: part10(defined) }
    },
  },
  'huge Rows/Columns vs codestreams': {
    about:
      'encapsulated frames whose SOF/SIZ header and data set both say 16000^2 (under the limit), a few bytes long',
    *inputs() {
      const sof3 = [0xff, 0xd8, 0xff, 0xc3, 0, 11, 8, 0x3e, 0x80, 0x3e, 0x80, 1, 1, 0x11, 0, 0xff, 0xd9]
      const siz = [
        0xff,
        0x4f,
        0xff,
        0x51,
        0,
        41,
        0,
        0,
        ...u32be(16000),
        ...u32be(16000),
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        ...u32be(16000),
        ...u32be(16000),
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        1,
        7,
        1,
        1,
        0xff,
        0xd9,
      ]
      for (const [syntax, stream] of [
        ['1.2.840.10008.1.2.4.80', jpegLsHeaderOnly(16000)],
        ['1.2.840.10008.1.2.4.57', sof3],
        ['1.2.840.10008.1.2.4.90', siz],
        ['1.2.840.10008.1.2.4.201', siz],
      ] as const) {
        yield { name: syntax, bytes: encapsulatedImage(syntax, 16000, 16000, [...stream]) }
      }
    },
  },
  'fragment tables': {
    about:
      'offset tables of 1M entries pointing outside the file, 200,000 empty fragments, frames > fragments',
    *inputs() {
      const n = 1_000_000
      const bot = new Uint8Array(8 + 4 * n)
      bot.set(item(4 * n))
      const view = new DataView(bot.buffer)
      for (let i = 0; i < n; i++) view.setUint32(8 + 4 * i, 0xfffffff0 - i, true)
      const head = [...image(64, 64, { frames: n }), ...long(0x7fe00010, 'OB', UNDEFINED)]
      yield {
        name: '1M offsets outside',
        bytes: part10(
          Uint8Array.from([...head, ...bot, ...item(2), 1, 2, ...tag(0xfffee0dd), ...u32(0)]),
          '1.2.840.10008.1.2.5',
        ),
      }
      const empty = new Uint8Array(8 * 200_000)
      for (let i = 0; i < 200_000; i++) empty.set(item(0), 8 * i)
      yield {
        name: '200k empty fragments',
        bytes: part10(
          Uint8Array.from([
            ...image(64, 64, { frames: 200_000 }),
            ...long(0x7fe00010, 'OB', UNDEFINED),
            ...item(0),
            ...empty,
            ...tag(0xfffee0dd),
            ...u32(0),
          ]),
          '1.2.840.10008.1.2.5',
        ),
      }
    },
  },
  'looping palette LUTs': {
    about:
      'PALETTE COLOR with segmented LUTs whose indirect segments point at themselves or each other, 65536 entries',
    *inputs() {
      // Discrete (0) 1 value; then indirect (2) segments replaying segment 0 over and over, or pointing at themselves.
      const selfLoop = [0, 1, 5, 2, 1, 0, 0, 2, 1, 3, 0]
      const many: number[] = [0, 1, 5]
      for (let i = 0; i < 20_000; i++) many.push(2, 20_000, 0, 0)
      for (const [label, words] of [
        ['self-referencing', selfLoop],
        ['20k indirect x 20k', many],
      ] as const) {
        const data = Uint8Array.from(words.flatMap((w) => u16(w)))
        const lut = (t: number) => [
          ...short(t, 'US', [...u16(0), ...u16(0), ...u16(16)]),
          ...long(t + 0x120, 'OW', data.length),
          ...data,
        ]
        const body = [
          ...image(4, 4, { bits: 8, photometric: 'PALETTE COLOR' }),
          ...lut(0x00281101).slice(0, 14),
          ...lut(0x00281102).slice(0, 14),
          ...lut(0x00281103).slice(0, 14),
          ...[0x00281221, 0x00281222, 0x00281223].flatMap((t) => [...long(t, 'OW', data.length), ...data]),
          ...long(0x7fe00010, 'OB', 16),
          ...new Array(16).fill(3),
        ]
        yield { name: label, bytes: part10(body) }
      }
    },
  },
  'images with forged sizes': {
    about: 'PNG/JPEG/GIF/BMP/WebP/TIFF headers declaring 2^31-1 or 65535 pixels a side',
    *inputs() {
      const png = fixture('image/ct_small.png').slice()
      new DataView(png.buffer).setUint32(16, 0x7fffffff)
      new DataView(png.buffer).setUint32(20, 0x7fffffff)
      yield { name: 'PNG 2^31-1 square', bytes: png }
      const jpg = fixture('image/mr_small.jpg').slice()
      for (let i = 0; i + 8 < jpg.length; i++)
        if (jpg[i] === 0xff && jpg[i + 1] >= 0xc0 && jpg[i + 1] <= 0xc2) {
          jpg.set([0xff, 0xff, 0xff, 0xff], i + 5)
          break
        }
      yield { name: 'JPEG 65535 square', bytes: jpg }
      const bmp = fixture('image/ct_crop.bmp').slice()
      new DataView(bmp.buffer).setInt32(18, 0x7fffffff, true)
      new DataView(bmp.buffer).setInt32(22, -0x7fffffff, true)
      yield { name: 'BMP 2^31-1 square', bytes: bmp }
    },
  },
  truncations: {
    about: 'every fixture cut at 64 evenly spaced points',
    *inputs() {
      for (const path of corpusPaths()) {
        const bytes = fixture(path)
        for (let i = 0; i < 64; i++)
          yield { name: `${path} @${i}/64`, bytes: bytes.subarray(0, Math.floor((bytes.length * i) / 64)) }
      }
    },
  },
  'mutated fixtures': {
    about: 'every fixture with 1-4 bit flips, byte runs, boundary integers, truncations or splices, 16 each',
    *inputs() {
      const paths = corpusPaths()
      const donors = paths.map(fixture)
      for (const [i, path] of paths.entries()) {
        const samples = fc.sample(
          mutationsArbitrary(
            donors[i].length,
            donors.map((d) => d.length),
          ),
          { seed: 1000 + i, numRuns: 16 },
        )
        for (const [k, m] of samples.entries())
          yield { name: `${path} #${k}`, bytes: applyMutations(donors[i], m, donors) }
      }
    },
  },
  'random bytes': {
    about:
      '2,000 random inputs up to 64 KiB, bare or behind a DICOM/NIfTI/gzip/PNG/JPEG signature, any mimetype',
    *inputs() {
      const prefixes = [
        new Uint8Array(),
        part10([]),
        niftiHeader([64, 64, 64]),
        Uint8Array.of(0x1f, 0x8b, 8, 0),
        Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
        Uint8Array.of(0xff, 0xd8, 0xff),
      ]
      const mimetypes = [undefined, 'application/dicom', 'application/nifti', 'application/gzip', 'image/png']
      const arb = fc.tuple(
        fc.nat(prefixes.length - 1),
        fc.uint8Array({ maxLength: 65536 }),
        fc.nat(mimetypes.length - 1),
      )
      for (const [k, [p, tail, m]] of fc.sample(arb, { seed: 99, numRuns: 2000 }).entries()) {
        const bytes = new Uint8Array(prefixes[p].length + tail.length)
        bytes.set(prefixes[p])
        bytes.set(tail, prefixes[p].length)
        yield { name: `#${k}`, bytes, mimetype: mimetypes[m] }
      }
    },
  },
}
