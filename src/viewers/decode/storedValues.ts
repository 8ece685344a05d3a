import type { PixelArray } from './DecodedFrame.js'

/** Layout of stored samples, as Bits Allocated / Bits Stored / High Bit / Pixel Representation say. */
export interface SampleFormat {
  bitsAllocated: number
  bitsStored: number
  highBit: number
  pixelRepresentation: 0 | 1
}

/** An empty array of the type stored values of this format use. */
export function allocatePixels(format: SampleFormat, length: number): PixelArray {
  const signed = format.pixelRepresentation === 1
  switch (format.bitsAllocated) {
    case 32:
      return signed ? new Int32Array(length) : new Uint32Array(length)
    case 16:
      return signed ? new Int16Array(length) : new Uint16Array(length)
    case 8:
      return signed ? new Int8Array(length) : new Uint8Array(length)
    default:
      return new Uint8Array(length)
  }
}

/**
 * Keeps only the stored bits of each sample (bits stored < bits allocated, possibly with a high bit below the
 * top), sign-extending them when signed. Works in place; a no-op when every allocated bit is stored.
 */
export function maskStoredBits(pixels: PixelArray, format: SampleFormat): void {
  const { bitsAllocated, bitsStored, highBit, pixelRepresentation } = format
  if (bitsAllocated === 1) return
  const low = highBit + 1 - bitsStored
  if (bitsStored === bitsAllocated && low === 0) return
  const n = pixels.length
  if (pixelRepresentation === 1) {
    // Move the high bit to bit 31, then an arithmetic shift brings the sign down with the value.
    const up = 31 - highBit
    const down = 32 - bitsStored
    for (let i = 0; i < n; i++) pixels[i] = (pixels[i] << up) >> down
  } else {
    const mask = bitsStored === 32 ? 0xffffffff : (1 << bitsStored) - 1
    if (low === 0) for (let i = 0; i < n; i++) pixels[i] = pixels[i] & mask
    else for (let i = 0; i < n; i++) pixels[i] = (pixels[i] >>> low) & mask
  }
}

/** Little-endian host? (Typed-array views read in host order.) */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/**
 * Stored values of a native frame. For 8/16/32 bits in host byte order and aligned, the result is a view of
 * the file's bytes (no copy) unless bits must be masked; big endian is swapped into a new array.
 */
export function nativeStoredValues(
  bytes: Uint8Array,
  bitOffset: number,
  sampleCount: number,
  format: SampleFormat,
  bigEndian: boolean,
): PixelArray {
  const { bitsAllocated } = format
  if (bitsAllocated === 1) return unpackBits(bytes, bitOffset, sampleCount)
  const bytesPer = bitsAllocated / 8
  const needsMask = format.bitsStored !== bitsAllocated || format.highBit !== bitsAllocated - 1
  const swap = bytesPer > 1 && bigEndian === HOST_LITTLE_ENDIAN
  let pixels: PixelArray
  if (!swap && !needsMask && bytes.byteOffset % bytesPer === 0) {
    pixels = viewAs(bytes, format, sampleCount)
  } else {
    pixels = allocatePixels(format, sampleCount)
    const out = new Uint8Array(pixels.buffer)
    const src = bytes.subarray(0, sampleCount * bytesPer)
    if (!swap) out.set(src)
    else if (bytesPer === 2) swap16(src, out)
    else swap32(src, out)
    maskStoredBits(pixels, format)
  }
  return pixels
}

function viewAs(bytes: Uint8Array, format: SampleFormat, length: number): PixelArray {
  const { buffer, byteOffset } = bytes
  const signed = format.pixelRepresentation === 1
  switch (format.bitsAllocated) {
    case 32:
      return signed ? new Int32Array(buffer, byteOffset, length) : new Uint32Array(buffer, byteOffset, length)
    case 16:
      return signed ? new Int16Array(buffer, byteOffset, length) : new Uint16Array(buffer, byteOffset, length)
    default:
      return signed ? new Int8Array(buffer, byteOffset, length) : new Uint8Array(buffer, byteOffset, length)
  }
}

function swap16(src: Uint8Array, out: Uint8Array): void {
  for (let i = 0; i < src.length; i += 2) {
    out[i] = src[i + 1]
    out[i + 1] = src[i]
  }
}

function swap32(src: Uint8Array, out: Uint8Array): void {
  for (let i = 0; i < src.length; i += 4) {
    out[i] = src[i + 3]
    out[i + 1] = src[i + 2]
    out[i + 2] = src[i + 1]
    out[i + 3] = src[i]
  }
}

/** Bits Allocated 1: pixels packed 8 to a byte, first pixel in the least significant bit. */
function unpackBits(bytes: Uint8Array, bitOffset: number, count: number): Uint8Array {
  const out = new Uint8Array(count)
  for (let i = 0; i < count; i++) {
    const bit = bitOffset + i
    out[i] = (bytes[bit >> 3] >> (bit & 7)) & 1
  }
  return out
}

/**
 * Smallest and largest value in one pass. 16-bit frames (most of radiology) are read two samples per 32-bit
 * load (Math.min/max compile to branch-free compares): twice the speed of a per-sample loop, and the loop stays monomorphic
 * whatever mix of array types an app decodes (a loop that sees several typed-array types runs much slower in V8).
 */
export function minMax(pixels: PixelArray): { min: number; max: number } {
  if (pixels.length === 0) return { min: 0, max: 0 }
  if (pixels instanceof Int16Array) return minMax16(pixels, true)
  if (pixels instanceof Uint16Array) return minMax16(pixels, false)
  const n = pixels.length
  let min = pixels[0]
  let max = min
  for (let i = 1; i < n; i++) {
    const v = pixels[i]
    min = Math.min(v, min)
    max = Math.max(v, max)
  }
  return { min, max }
}

function minMax16(pixels: Int16Array | Uint16Array, signed: boolean): { min: number; max: number } {
  const n = pixels.length
  // Words start at a 4-byte boundary: a sample before it, and one after the last whole word, are read alone.
  const head = pixels.byteOffset & 2 ? 1 : 0
  const count = (n - head) >> 1
  const words = new Int32Array(pixels.buffer, pixels.byteOffset + head * 2, count)
  let min0 = pixels[0]
  let max0 = min0
  let min1 = min0
  let max1 = min0
  if (signed) {
    for (let i = 0; i < count; i++) {
      const w = words[i]
      const a = (w << 16) >> 16
      const b = w >> 16
      min0 = Math.min(a, min0)
      max0 = Math.max(a, max0)
      min1 = Math.min(b, min1)
      max1 = Math.max(b, max1)
    }
  } else {
    for (let i = 0; i < count; i++) {
      const w = words[i]
      const a = w & 0xffff
      const b = w >>> 16
      min0 = Math.min(a, min0)
      max0 = Math.max(a, max0)
      min1 = Math.min(b, min1)
      max1 = Math.max(b, max1)
    }
  }
  const last = pixels[n - 1]
  return {
    min: Math.min(min0, min1, last),
    max: Math.max(max0, max1, last),
  }
}
