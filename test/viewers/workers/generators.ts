// Test data for the worker pool and the long-task benchmark, built from code (no binary fixtures): deflated
// DICOM, large .nii.gz volumes, and 512×512 JPEG 2000 / HTJ2K frames encoded by the codec packages' own
// encoders (the WASM builds that also decode), wrapped as encapsulated DICOM.
import { deflateSync } from 'fflate'
import { concat, cs, type DicomElement, ds, ui, us, writeDicom } from '../decode/buildDicom.js'

const DEFLATED = '1.2.840.10008.1.2.1.99'

/** A CT-like signed 16-bit slice: air outside a body disc, a bone ring, soft tissue with texture. */
export function ctSlice(size = 512, seed = 0): Int16Array {
  const pixels = new Int16Array(size * size)
  const c = size / 2
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - c, y - c) / size
      const base =
        r > 0.45 ? -1000 : r > 0.41 ? 1200 + ((x * 7 + y * 3 + seed) % 200) : 40 + ((x ^ (y + seed)) % 60)
      pixels[y * size + x] = base + noise(x, y, seed)
    }
  }
  return pixels
}

/** Deterministic noise in [-16, 16): real images have some, and it makes compressed sizes realistic. */
function noise(x: number, y: number, z: number): number {
  let h = Math.imul(x * 374761393 + y * 668265263 + z * 2147483647, 1274126177)
  h ^= h >>> 15
  return (h & 31) - 16
}

function ctElements(rows: number, columns: number, frames = 1): DicomElement[] {
  return [
    ui(0x00080016, '1.2.840.10008.5.1.4.1.1.2'),
    cs(0x00080060, 'CT'),
    us(0x00280002, 1),
    cs(0x00280004, 'MONOCHROME2'),
    ...(frames > 1 ? [ds(0x00280008, String(frames))] : []),
    us(0x00280010, rows),
    us(0x00280011, columns),
    ds(0x00280030, '0.7\\0.7'),
    us(0x00280100, 16),
    us(0x00280101, 16),
    us(0x00280102, 15),
    us(0x00280103, 1),
    ds(0x00281050, '40'),
    ds(0x00281051, '400'),
    ds(0x00281052, '0'),
    ds(0x00281053, '1'),
  ]
}

/** Deflated Explicit VR Little Endian DICOM of `frames` CT slices (the data set after the meta deflated). */
export function deflatedCt(size = 512, frames = 1): Uint8Array {
  const pixels = new Int16Array(size * size * frames)
  for (let f = 0; f < frames; f++) pixels.set(ctSlice(size, f * 13), f * size * size)
  const plain = writeDicom([...ctElements(size, size, frames), ow16(pixels)], DEFLATED)
  // Group length (0002,0000) is the first meta element: 132 + 12 bytes, then the rest of the meta.
  const metaEnd = 144 + new DataView(plain.buffer, plain.byteOffset).getUint32(140, true)
  const body = deflateSync(plain.subarray(metaEnd), { level: 6 })
  const out = new Uint8Array(metaEnd + body.length)
  out.set(plain.subarray(0, metaEnd))
  out.set(body, metaEnd)
  return out
}

function ow16(pixels: Int16Array): DicomElement {
  return {
    tag: 0x7fe00010,
    vr: 'OW',
    value: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength),
  }
}

/** Encapsulated CT frames (one fragment each, empty Basic Offset Table) in `transferSyntaxUID`. */
export function encapsulatedCt(
  size: number,
  codestreams: Uint8Array[],
  transferSyntaxUID: string,
): Uint8Array {
  const head = writeDicom(ctElements(size, size, codestreams.length), transferSyntaxUID)
  const pixelData = new Uint8Array(12)
  const v = new DataView(pixelData.buffer)
  v.setUint16(0, 0x7fe0, true)
  v.setUint16(2, 0x0010, true)
  pixelData[4] = 0x4f // 'O'
  pixelData[5] = 0x42 // 'B'
  v.setUint32(8, 0xffffffff, true)
  const parts = [head, pixelData, item(new Uint8Array(0))]
  for (const c of codestreams) parts.push(item(c.length % 2 ? concat([c, new Uint8Array(1)]) : c))
  const end = new Uint8Array(8)
  new DataView(end.buffer).setUint32(0, 0xe0ddfffe, true)
  parts.push(end)
  return concat(parts)
}

/** Gzip through the browser's own CompressionStream (async: a large volume does not block the page). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** A `size`³ signed 16-bit NIfTI-1 volume (a head-like phantom), gzip-compressed as a `.nii.gz`. */
export async function niftiGz(size = 256): Promise<Uint8Array> {
  const header = new ArrayBuffer(352)
  const h = new DataView(header)
  h.setInt32(0, 348, true)
  const dims = [3, size, size, size, 1, 1, 1, 1]
  for (const [i, d] of dims.entries()) h.setInt16(40 + i * 2, d, true)
  h.setInt16(70, 4, true) // datatype int16
  h.setInt16(72, 16, true) // bitpix
  for (let i = 0; i < 4; i++) h.setFloat32(76 + i * 4, 1, true) // pixdim
  h.setFloat32(108, 352, true) // vox_offset
  h.setFloat32(112, 1, true) // scl_slope
  h.setInt16(254, 1, true) // sform_code: scanner
  const srows = [1, 0, 0, -size / 2, 0, 1, 0, -size / 2, 0, 0, 1, -size / 2]
  for (const [i, v] of srows.entries()) h.setFloat32(280 + i * 4, v, true)
  new Uint8Array(header).set(new TextEncoder().encode('n+1\0'), 344)
  const file = new Uint8Array(352 + size * size * size * 2)
  file.set(new Uint8Array(header))
  const voxels = new Int16Array(file.buffer, 352)
  const c = size / 2
  const outer = (0.42 * size) ** 2
  const inner = (0.38 * size) ** 2
  for (let z = 0; z < size; z++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const r2 = (x - c) ** 2 + (y - c) ** 2 + ((z - c) * 1.2) ** 2
        const base = r2 > outer ? 0 : r2 > inner ? 900 + ((x + y + z) % 50) : 300 + ((x ^ y ^ z) % 80)
        voxels[(z * size + y) * size + x] = base + noise(x, y, z)
      }
    }
    // A slice at a time, so building a large volume never holds the page for long.
    if (z % 32 === 31) await new Promise((r) => setTimeout(r, 0))
  }
  return gzip(file)
}

function item(data: Uint8Array): Uint8Array {
  const h = new Uint8Array(8)
  const v = new DataView(h.buffer)
  v.setUint16(0, 0xfffe, true)
  v.setUint16(2, 0xe000, true)
  v.setUint32(4, data.length, true)
  return concat([h, data])
}
