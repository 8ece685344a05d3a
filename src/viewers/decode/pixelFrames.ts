import type { DataSet, Element, Fragment } from 'dicom-parser'
import { FormatError } from '../../api/errors.js'
import type { ImageInfo } from './imageInfo.js'

/** Bytes of one frame; for 1-bit native data the frame may start inside a byte at `bitOffset`. */
export interface FrameBytes {
  bytes: Uint8Array
  bitOffset: number
}

/** The Pixel Data element, or a FormatError naming what is there instead. */
export function pixelDataElement(dataSet: DataSet, frameIndex: number): Element {
  const element = dataSet.elements.x7fe00010
  if (element) return element
  const other = dataSet.elements.x7fe00008
    ? 'Float Pixel Data'
    : dataSet.elements.x7fe00009
      ? 'Double Float Pixel Data'
      : ''
  throw new FormatError(
    other
      ? `DICOM frame ${frameIndex}: ${other} (7FE0,000${other.startsWith('Float') ? 8 : 9}) is not supported; only integer Pixel Data (7FE0,0010) is`
      : `DICOM frame ${frameIndex}: the file has no Pixel Data (7FE0,0010); it is not an image (e.g. a structured report or presentation state)`,
    { reason: 'unsupported' },
  )
}

/** Size in bytes of one native frame (YBR_FULL_422 stores 2 samples per pixel). */
export function nativeFrameBits(info: ImageInfo): number {
  const samples = info.photometricInterpretation === 'YBR_FULL_422' ? 2 : info.samplesPerPixel
  return info.rows * info.columns * samples * info.bitsAllocated
}

/**
 * A view (no copy) of one frame of native (uncompressed) pixel data.
 * Throws FormatError when the element is shorter than the frames it must hold (a truncated file).
 */
export function nativeFrame(
  dataSet: DataSet,
  element: Element,
  info: ImageInfo,
  frameIndex: number,
): FrameBytes {
  const frameBits = nativeFrameBits(info)
  const startBit = frameBits * frameIndex
  const startByte = Math.floor(startBit / 8)
  const endByte = Math.ceil((startBit + frameBits) / 8)
  const available = Math.max(0, Math.min(element.length, dataSet.byteArray.length - element.dataOffset))
  if (endByte > available) {
    throw new FormatError(
      `DICOM frame ${frameIndex}: pixel data has ${available} bytes, ${endByte} expected ` +
        `(${info.numberOfFrames} frame(s) of ${info.rows}×${info.columns}×${info.samplesPerPixel} at ${info.bitsAllocated} bits); the file is truncated`,
      { reason: 'corrupt' },
    )
  }
  const a = dataSet.byteArray
  return {
    bytes: new Uint8Array(a.buffer, a.byteOffset + element.dataOffset + startByte, endByte - startByte),
    bitOffset: startBit % 8,
  }
}

function checkFragments(dataSet: DataSet, fragments: Fragment[], frameIndex: number): void {
  const size = dataSet.byteArray.length
  for (const f of fragments) {
    if (f.position + f.length > size) {
      throw new FormatError(
        `DICOM frame ${frameIndex}: a pixel data fragment at byte ${f.position} claims ${f.length} bytes but the file ends at ${size}; the file is truncated`,
        { reason: 'corrupt' },
      )
    }
  }
}

function fragmentView(dataSet: DataSet, f: Fragment): Uint8Array {
  const a = dataSet.byteArray
  return new Uint8Array(a.buffer, a.byteOffset + f.position, f.length)
}

/** Joins fragments, without copying when there is only one. */
function joinFragments(dataSet: DataSet, fragments: Fragment[]): Uint8Array {
  if (fragments.length === 1) return fragmentView(dataSet, fragments[0])
  let total = 0
  for (const f of fragments) total += f.length
  const out = new Uint8Array(total)
  let at = 0
  for (const f of fragments) {
    out.set(fragmentView(dataSet, f), at)
    at += f.length
  }
  return out
}

/** True when a fragment starts a codestream (JPEG/JPEG-LS SOI, JPEG 2000 SOC or JP2 signature box). */
function startsCodestream(dataSet: DataSet, f: Fragment): boolean {
  const b = dataSet.byteArray
  const p = f.position
  if (f.length < 2) return false
  if (b[p] === 0xff && (b[p + 1] === 0xd8 || b[p + 1] === 0x4f)) return true
  return f.length >= 8 && b[p + 3] === 0x0c && b[p + 4] === 0x6a && b[p + 5] === 0x50 && b[p + 6] === 0x20
}

function readUint64(dataSet: DataSet, element: Element, index: number): number {
  const a = dataSet.byteArray
  const view = new DataView(a.buffer, a.byteOffset + element.dataOffset + index * 8, 8)
  return Number(view.getBigUint64(0, true))
}

/** Fragments of a frame, selected by an offset table (BOT or Extended Offset Table) in fragment-stream offsets. */
function byOffsets(fragments: Fragment[], start: number, end: number): Fragment[] {
  return fragments.filter((f) => f.offset >= start && f.offset < end)
}

/**
 * The compressed bytes of one frame of encapsulated pixel data: with a Basic or Extended Offset Table,
 * one fragment per frame, or (no table, more fragments than frames) split where a codestream starts.
 */
export function encapsulatedFrame(
  dataSet: DataSet,
  element: Element,
  info: ImageInfo,
  frameIndex: number,
): Uint8Array {
  const fragments = element.fragments ?? []
  const frames = info.numberOfFrames
  if (fragments.length === 0) {
    throw new FormatError(`DICOM frame ${frameIndex}: encapsulated pixel data has no fragments`, {
      reason: 'corrupt',
    })
  }
  let selected: Fragment[]
  const eot = dataSet.elements.x7fe00001
  const bot = element.basicOffsetTable ?? []
  if (frames === 1) {
    selected = fragments
  } else if (eot && eot.length >= frames * 8) {
    const start = readUint64(dataSet, eot, frameIndex)
    const end = frameIndex + 1 < frames ? readUint64(dataSet, eot, frameIndex + 1) : Number.POSITIVE_INFINITY
    selected = byOffsets(fragments, start, end)
  } else if (bot.length === frames) {
    const end = frameIndex + 1 < frames ? bot[frameIndex + 1] : Number.POSITIVE_INFINITY
    selected = byOffsets(fragments, bot[frameIndex], end)
  } else if (fragments.length === frames) {
    selected = [fragments[frameIndex]]
  } else {
    const starts: number[] = []
    fragments.forEach((f, i) => {
      if (startsCodestream(dataSet, f)) starts.push(i)
    })
    if (starts.length !== frames) {
      throw new FormatError(
        `DICOM frame ${frameIndex}: ${fragments.length} fragments for ${frames} frames, no offset table, and ` +
          `${starts.length} codestream starts found; cannot tell where frame ${frameIndex} begins`,
        { reason: 'corrupt' },
      )
    }
    selected = fragments.slice(starts[frameIndex], starts[frameIndex + 1] ?? fragments.length)
  }
  if (selected.length === 0) {
    throw new FormatError(`DICOM frame ${frameIndex}: the offset table points at no fragment`, {
      reason: 'corrupt',
    })
  }
  checkFragments(dataSet, selected, frameIndex)
  return joinFragments(dataSet, selected)
}
