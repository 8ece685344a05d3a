import { FormatError } from '../../../api/errors.js'
import type { CodecOutput } from './Codec.js'

// A sequential-DCT, Huffman-coded JPEG decoder (ITU T.81 processes 1, 2 and 4: SOF0/SOF1) for 8- and 12-bit
// samples. It exists because no codec package of the field decodes 12-bit DCT JPEG (DICOM JPEG Extended,
// 1.2.840.10008.1.2.4.51); 8-bit baseline goes to libjpeg-turbo instead. Colour is left as coded (YCbCr).

/** Zig-zag position → natural (row-major) index in an 8×8 block. */
const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7,
  14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46,
  53, 60, 61, 54, 47, 55, 62, 63,
])

/** IDCT basis: COS[x * 8 + u] = C(u)/2 · cos((2x + 1)uπ/16). */
const COS = new Float64Array(64)
for (let x = 0; x < 8; x++) {
  for (let u = 0; u < 8; u++)
    COS[x * 8 + u] = ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16)
}

interface Huffman {
  maxCode: Int32Array // per code length 1..16, -1 when none
  valPtr: Int32Array
  minCode: Int32Array
  values: Uint8Array
  /** Codes of up to LOOKAHEAD bits, indexed by the next LOOKAHEAD bits: (length << 8) | value, 0 if longer. */
  fast: Uint16Array
}

const LOOKAHEAD = 9

interface Component {
  id: number
  h: number
  v: number
  tq: number
  blocksPerLine: number
  blocksPerColumn: number
  /** Decoded samples, blocksPerLine·8 wide. */
  plane: Float64Array
  pred: number
  dc?: Huffman
  ac?: Huffman
}

function buildHuffman(counts: Uint8Array, values: Uint8Array): Huffman {
  const maxCode = new Int32Array(17).fill(-1)
  const minCode = new Int32Array(17)
  const valPtr = new Int32Array(17)
  const fast = new Uint16Array(1 << LOOKAHEAD)
  let code = 0
  let k = 0
  for (let len = 1; len <= 16; len++) {
    valPtr[len] = k
    minCode[len] = code
    for (let i = 0; i < counts[len - 1]; i++, code++, k++) {
      if (len <= LOOKAHEAD) {
        const first = code << (LOOKAHEAD - len)
        fast.fill((len << 8) | values[k], first, first + (1 << (LOOKAHEAD - len)))
      }
    }
    if (counts[len - 1]) maxCode[len] = code - 1
    code <<= 1
  }
  return { maxCode, minCode, valPtr, values, fast }
}

/** Reads entropy-coded bits through a 32-bit buffer, un-stuffing 0xFF00 and feeding zeros at a marker. */
class BitReader {
  private buffer = 0
  private count = 0
  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}
  private fill(): void {
    const d = this.data
    while (this.count <= 24) {
      let byte = 0
      if (this.pos < d.length) {
        byte = d[this.pos]
        if (byte === 0xff) {
          if (d[this.pos + 1] === 0) this.pos += 2
          else byte = 0 // a marker: leave pos on it
        } else this.pos++
      }
      this.buffer = ((this.buffer << 8) | byte) >>> 0
      this.count += 8
    }
  }
  private peek(n: number): number {
    if (this.count < n) this.fill()
    return (this.buffer >>> (this.count - n)) & ((1 << n) - 1)
  }
  receive(n: number): number {
    if (n === 0) return 0
    const v = this.peek(n)
    this.count -= n
    return v
  }
  /** Drops buffered bits and skips an RSTn marker, if that is what comes next. */
  restart(): void {
    this.count = 0
    this.buffer = 0
    const d = this.data
    while (
      this.pos + 1 < d.length &&
      !(d[this.pos] === 0xff && d[this.pos + 1] >= 0xd0 && d[this.pos + 1] <= 0xd7)
    ) {
      this.pos++
    }
    this.pos += 2
  }
  decode(h: Huffman): number {
    const entry = h.fast[this.peek(LOOKAHEAD)]
    if (entry) {
      this.count -= entry >> 8
      return entry & 0xff
    }
    for (let len = LOOKAHEAD + 1; len <= 16; len++) {
      const code = this.peek(len)
      if (code <= h.maxCode[len]) {
        this.count -= len
        return h.values[h.valPtr[len] + code - h.minCode[len]]
      }
    }
    throw new FormatError('JPEG: invalid Huffman code', { reason: 'corrupt' })
  }
}

const extend = (v: number, t: number) => (t === 0 ? 0 : v < 1 << (t - 1) ? v - (1 << t) + 1 : v)

/** Decodes a sequential DCT JPEG codestream (SOF0 or SOF1, 8- or 12-bit). */
export function decodeDctJpeg(data: Uint8Array): CodecOutput {
  const quant: Int32Array[] = []
  const dcTables: Huffman[] = []
  const acTables: Huffman[] = []
  let components: Component[] = []
  let precision = 8
  let width = 0
  let height = 0
  let hmax = 1
  let vmax = 1
  let restartInterval = 0
  let pos = 2
  if (data[0] !== 0xff || data[1] !== 0xd8)
    throw new FormatError('JPEG: no SOI marker', { reason: 'corrupt' })
  const u16 = (p: number) => (data[p] << 8) | data[p + 1]
  for (;;) {
    // A codestream cut before EOI still yields what was decoded (as libjpeg does, with a warning).
    if (pos + 2 > data.length) break
    if (data[pos] !== 0xff) {
      pos++
      continue
    }
    const marker = data[pos + 1]
    if (marker === 0xd9) break
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += marker === 0xff ? 1 : 2
      continue
    }
    if (pos + 4 > data.length) break
    const length = u16(pos + 2)
    const seg = pos + 4
    const end = pos + 2 + length
    switch (marker) {
      case 0xdb: {
        for (let p = seg; p < end; ) {
          const pq = data[p] >> 4
          const tq = data[p] & 15
          p++
          const table = new Int32Array(64)
          for (let k = 0; k < 64; k++) {
            table[k] = pq ? u16(p) : data[p]
            p += pq ? 2 : 1
          }
          quant[tq] = table
        }
        break
      }
      case 0xc4: {
        for (let p = seg; p < end; ) {
          const tc = data[p] >> 4
          const th = data[p] & 15
          const counts = data.subarray(p + 1, p + 17)
          const total = counts.reduce((a, b) => a + b, 0)
          const table = buildHuffman(counts, data.slice(p + 17, p + 17 + total))
          ;(tc === 0 ? dcTables : acTables)[th] = table
          p += 17 + total
        }
        break
      }
      case 0xc0:
      case 0xc1: {
        precision = data[seg]
        height = u16(seg + 1)
        width = u16(seg + 3)
        const n = data[seg + 5]
        components = []
        for (let i = 0; i < n; i++) {
          const p = seg + 6 + i * 3
          components.push({
            id: data[p],
            h: data[p + 1] >> 4,
            v: data[p + 1] & 15,
            tq: data[p + 2],
            blocksPerLine: 0,
            blocksPerColumn: 0,
            plane: new Float64Array(0),
            pred: 0,
          })
        }
        hmax = Math.max(...components.map((c) => c.h))
        vmax = Math.max(...components.map((c) => c.v))
        const mcusX = Math.ceil(width / (8 * hmax))
        const mcusY = Math.ceil(height / (8 * vmax))
        for (const c of components) {
          c.blocksPerLine = mcusX * c.h
          c.blocksPerColumn = mcusY * c.v
          c.plane = new Float64Array(c.blocksPerLine * 8 * c.blocksPerColumn * 8)
        }
        break
      }
      case 0xc2:
      case 0xc3:
      case 0xc5:
      case 0xc6:
      case 0xc7:
      case 0xc9:
      case 0xca:
      case 0xcb:
      case 0xcd:
      case 0xce:
      case 0xcf:
        throw new FormatError(
          `JPEG: SOF${marker - 0xc0} (progressive, lossless, hierarchical or arithmetic) is not supported here`,
          { reason: 'unsupported' },
        )
      case 0xdd:
        restartInterval = u16(seg)
        break
      case 0xda: {
        const ns = data[seg]
        const scan: Component[] = []
        for (let i = 0; i < ns; i++) {
          const c = components.find((x) => x.id === data[seg + 1 + i * 2])
          if (!c) throw new FormatError('JPEG: scan names an unknown component', { reason: 'corrupt' })
          const t = data[seg + 2 + i * 2]
          c.dc = dcTables[t >> 4]
          c.ac = acTables[t & 15]
          c.pred = 0
          scan.push(c)
        }
        pos = decodeScan(data, end, scan, quant, restartInterval, width, height, hmax, vmax)
        continue
      }
    }
    pos = end
  }
  if (components.length === 0) throw new FormatError('JPEG: no frame header', { reason: 'corrupt' })
  return assemble(components, width, height, precision, hmax, vmax)
}

function decodeScan(
  data: Uint8Array,
  start: number,
  scan: Component[],
  quant: Int32Array[],
  restartInterval: number,
  width: number,
  height: number,
  hmax: number,
  vmax: number,
): number {
  for (const c of scan) {
    if (!quant[c.tq] || !c.dc || !c.ac)
      throw new FormatError('JPEG: scan uses a missing Huffman or quantisation table', { reason: 'corrupt' })
  }
  const reader = new BitReader(data, start)
  const block = new Float64Array(64)
  let mcu = 0
  const single = scan.length === 1
  // A lone component is coded block by block over its own size; interleaved scans go MCU by MCU.
  const c0 = scan[0]
  const mcusX = single ? Math.ceil(Math.ceil((width * c0.h) / hmax) / 8) : Math.ceil(width / (8 * hmax))
  const mcusY = single ? Math.ceil(Math.ceil((height * c0.v) / vmax) / 8) : Math.ceil(height / (8 * vmax))
  for (let my = 0; my < mcusY; my++) {
    for (let mx = 0; mx < mcusX; mx++) {
      if (restartInterval && mcu > 0 && mcu % restartInterval === 0) {
        reader.restart()
        for (const c of scan) c.pred = 0
      }
      if (single) decodeBlock(reader, c0, quant[c0.tq], block, my, mx)
      else
        for (const c of scan)
          for (let v = 0; v < c.v; v++)
            for (let h = 0; h < c.h; h++)
              decodeBlock(reader, c, quant[c.tq], block, my * c.v + v, mx * c.h + h)
      mcu++
    }
  }
  // Continue after the entropy-coded segment: the next marker that is not RSTn or stuffing.
  let p = reader.pos
  while (
    p + 1 < data.length &&
    !(data[p] === 0xff && data[p + 1] !== 0 && !(data[p + 1] >= 0xd0 && data[p + 1] <= 0xd7))
  )
    p++
  return p
}

/** Huffman-decodes and dequantises one block into `block` (natural order), then inverse-transforms it. */
function decodeBlock(
  reader: BitReader,
  c: Component,
  q: Int32Array,
  block: Float64Array,
  row: number,
  col: number,
): void {
  const dc = c.dc as Huffman
  const ac = c.ac as Huffman
  block.fill(0)
  const t = reader.decode(dc)
  c.pred += extend(reader.receive(t), t)
  block[0] = c.pred * q[0]
  for (let k = 1; k < 64; ) {
    const rs = reader.decode(ac)
    const s = rs & 15
    const r = rs >> 4
    if (s === 0) {
      if (r !== 15) break
      k += 16
      continue
    }
    k += r
    if (k > 63) break
    block[ZIGZAG[k]] = extend(reader.receive(s), s) * q[k]
    k++
  }
  idctInto(block, c.plane, c.blocksPerLine * 8, row * 8, col * 8)
}

const IDCT_ROWS = new Float64Array(64)

/**
 * 2-D inverse DCT of one block (natural order) into a plane at (y, x): the separable sums of COS, unrolled.
 * Each sum adds its terms in the order u (or v) = 0..7, so results are bit-for-bit those of the plain loops;
 * terms that are known zero are left out, which changes nothing (s + 0 === s).
 */
function idctInto(block: Float64Array, plane: Float64Array, stride: number, y0: number, x0: number): void {
  const tmp = IDCT_ROWS
  const C = COS
  // Rows below the last one with a non-zero coefficient are all zero after the row pass.
  let rows = 0
  for (let r = 0; r < 64; r += 8) {
    const b0 = block[r]
    const b1 = block[r + 1]
    const b2 = block[r + 2]
    const b3 = block[r + 3]
    const b4 = block[r + 4]
    const b5 = block[r + 5]
    const b6 = block[r + 6]
    const b7 = block[r + 7]
    // Most rows of a quantised block are all zero, or DC only: skip the products.
    if (b1 === 0 && b2 === 0 && b3 === 0 && b4 === 0 && b5 === 0 && b6 === 0 && b7 === 0) {
      const d = b0 * C[0]
      tmp[r] = d
      tmp[r + 1] = d
      tmp[r + 2] = d
      tmp[r + 3] = d
      tmp[r + 4] = d
      tmp[r + 5] = d
      tmp[r + 6] = d
      tmp[r + 7] = d
      if (b0 !== 0) rows = (r >> 3) + 1
      continue
    }
    rows = (r >> 3) + 1
    for (let x = 0, i = 0; x < 8; x++, i += 8) {
      tmp[r + x] =
        C[i] * b0 +
        C[i + 1] * b1 +
        C[i + 2] * b2 +
        C[i + 3] * b3 +
        C[i + 4] * b4 +
        C[i + 5] * b5 +
        C[i + 6] * b6 +
        C[i + 7] * b7
    }
  }
  const base = y0 * stride + x0
  for (let x = 0; x < 8; x++) {
    const t0 = tmp[x]
    let o = base + x
    if (rows <= 1) {
      // Only the first row is non-zero: every sample of the column is the same product.
      const d = C[0] * t0
      for (let y = 0; y < 8; y++, o += stride) plane[o] = d
      continue
    }
    const t1 = tmp[8 + x]
    const t2 = tmp[16 + x]
    const t3 = tmp[24 + x]
    if (rows <= 4) {
      for (let i = 0; i < 64; i += 8, o += stride)
        plane[o] = C[i] * t0 + C[i + 1] * t1 + C[i + 2] * t2 + C[i + 3] * t3
      continue
    }
    const t4 = tmp[32 + x]
    const t5 = tmp[40 + x]
    const t6 = tmp[48 + x]
    const t7 = tmp[56 + x]
    for (let i = 0; i < 64; i += 8, o += stride) {
      plane[o] =
        C[i] * t0 +
        C[i + 1] * t1 +
        C[i + 2] * t2 +
        C[i + 3] * t3 +
        C[i + 4] * t4 +
        C[i + 5] * t5 +
        C[i + 6] * t6 +
        C[i + 7] * t7
    }
  }
}

function assemble(
  components: Component[],
  width: number,
  height: number,
  precision: number,
  hmax: number,
  vmax: number,
): CodecOutput {
  const n = components.length
  const wide = precision > 8
  const samples = wide ? new Uint16Array(width * height * n) : new Uint8Array(width * height * n)
  const shift = 1 << (precision - 1)
  const max = (1 << precision) - 1
  for (let ci = 0; ci < n; ci++) {
    const c = components[ci]
    const plane = c.plane
    const stride = c.blocksPerLine * 8
    // Column of the plane for each output x, worked out once rather than per row.
    const sx = c.h / hmax
    const cols = new Int32Array(width)
    for (let x = 0; x < width; x++) cols[x] = Math.floor(x * sx)
    const sy = c.v / vmax
    for (let y = 0; y < height; y++) {
      const row = Math.floor(y * sy) * stride
      for (let x = 0, o = y * width * n + ci; x < width; x++, o += n) {
        const v = Math.round(plane[row + cols[x]] + shift)
        samples[o] = v < 0 ? 0 : Math.min(v, max)
      }
    }
  }
  return {
    bytes: new Uint8Array(samples.buffer),
    width,
    height,
    bytesPerSample: wide ? 2 : 1,
    components: n,
    colorConverted: false,
    planar: false,
  }
}
