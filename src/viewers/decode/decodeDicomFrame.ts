import { FormatError } from '../../api/errors.js'
import type { DicomData } from '../../api/format/ConvertedData.js'
import { checkDecodedSize } from '../../api/format/decodedSizeLimit.js'
import { decodeCodestreamNow } from '../workers/decodeCodestreamNow.js'
import { decodeCodestream } from '../workers/offThread.js'
import type { CodecOutput } from './codecs/Codec.js'
import { codestreamHeader } from './codecs/codestreamHeader.js'
import type { DecodedFrame, PixelArray } from './DecodedFrame.js'
import { type ImageInfo, readImageInfo } from './imageInfo.js'
import { readModalityTransform } from './modalityLut.js'
import { applyPalette, readPalette } from './palette.js'
import { planarToInterleaved, ybr422ToFull, ybrFullToRgb } from './photometric.js'
import { encapsulatedFrame, nativeFrame, pixelDataElement } from './pixelFrames.js'
import { decodeRle } from './rle.js'
import { allocatePixels, maskStoredBits, minMax, nativeStoredValues } from './storedValues.js'
import { type TransferSyntaxInfo, transferSyntaxInfo } from './transferSyntax.js'
import { defaultWindow } from './voi.js'

/** Pixels straight out of the transfer syntax, before any colour conversion. */
interface RawFrame {
  pixels: PixelArray
  photometric: string
  /** Components one plane after another. */
  planar: boolean
  /** The codec already turned YCbCr into RGB. */
  colorConverted: boolean
}

/** Options of {@link decodeDicomFrame}. */
export interface DecodeFrameOptions {
  /** Cancels the decode: a frame decoding in a worker stops there (its worker is replaced). */
  signal?: AbortSignal
}

/**
 * Decodes one frame of a parsed DICOM file to its stored values, with what a viewer needs to display them
 * (modality rescale, default window, min/max). Codecs load on first use. Pure: no DOM, runs in Node,
 * browsers and workers. In browsers, compressed frames (JPEG, JPEG-LS, JPEG 2000, HTJ2K) are decoded in a
 * small pool of module workers (see `setWorkerPoolSize`), giving the same values as decoding here.
 *
 * @throws FormatError when there is no pixel data, the file is truncated, a fragment is broken, the codec
 *   cannot decode the frame or the transfer syntax is not supported; the message names the frame and cause.
 * @example
 * const dicom = BaseApi.convertFormat(bytes) // kind 'dicom'
 * const frame = await decodeDicomFrame(dicom, 0)
 * const hu = frame.pixelData[0] * frame.slope + frame.intercept
 */
export async function decodeDicomFrame(
  dicom: DicomData,
  frameIndex = 0,
  options: DecodeFrameOptions = {},
): Promise<DecodedFrame> {
  try {
    return await decodeFrame(dicom, frameIndex, options.signal)
  } catch (error) {
    // A cancelled decode rejects with the signal's reason, as fetch does.
    if (error instanceof FormatError || options.signal?.aborted) throw error
    // dicom-parser's accessors throw strings on elements that end early; codecs throw Error: all are FormatError.
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    throw new FormatError(`DICOM frame ${frameIndex}: the data is corrupt (${why})`, {
      reason: 'corrupt',
      cause: error,
    })
  }
}

async function decodeFrame(
  dicom: DicomData,
  frameIndex: number,
  signal: AbortSignal | undefined,
): Promise<DecodedFrame> {
  const { dataSet } = dicom
  const info = readImageInfo(dicom)
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= info.numberOfFrames) {
    throw new FormatError(
      `DICOM frame ${frameIndex} does not exist: the file has ${info.numberOfFrames} frame(s)`,
      { reason: 'unsupported' },
    )
  }
  const ts = transferSyntaxInfo(dicom.transferSyntaxUID)
  if (!ts) {
    throw new FormatError(
      `DICOM frame ${frameIndex}: transfer syntax ${dicom.transferSyntaxUID || '(none)'} is not supported`,
      { reason: 'unsupported' },
    )
  }
  // Checked before anything is allocated; a palette turns each index into 3 samples of up to 16 bits.
  const palette = info.samplesPerPixel === 1 && info.photometricInterpretation === 'PALETTE COLOR'
  const sampleBytes = Math.max(1, info.bitsAllocated / 8, palette ? 2 : 1)
  checkDecodedSize(
    info.rows * info.columns * (palette ? 3 : info.samplesPerPixel) * sampleBytes,
    `DICOM frame ${frameIndex} (${info.columns}×${info.rows}×${info.samplesPerPixel} at ${info.bitsAllocated} bits)`,
  )
  const raw = await readRawFrame(dicom, info, ts, frameIndex, signal)
  const pixelCount = info.rows * info.columns
  let { pixels, photometric } = raw
  let samplesPerPixel = info.samplesPerPixel as 1 | 3
  // What the returned samples are: after a palette, RGB of the LUTs' depth, unsigned.
  let { bitsAllocated, bitsStored, pixelRepresentation } = info
  if (samplesPerPixel === 3) {
    if (raw.planar) pixels = planarToInterleaved(pixels, pixelCount)
    if (photometric.startsWith('YBR')) {
      // libjpeg-turbo outputs RGB for JPEG baseline; JPEG 2000/HTJ2K invert RCT/ICT (YBR_RCT/YBR_ICT) in the
      // codec; YBR_FULL from any other source is still YCbCr here.
      if (!raw.colorConverted && (photometric === 'YBR_FULL' || photometric === 'YBR_FULL_422')) {
        ybrFullToRgb(pixels, info.bitsStored)
      }
      photometric = 'RGB'
    }
  } else if (photometric === 'PALETTE COLOR') {
    const luts = readPalette(dataSet, info.pixelRepresentation === 1)
    pixels = applyPalette(pixels, luts)
    photometric = 'RGB'
    samplesPerPixel = 3
    bitsAllocated = pixels instanceof Uint16Array ? 16 : 8
    bitsStored = Math.min(bitsAllocated, Math.max(...luts.map((l) => l.bitsPerEntry)))
    pixelRepresentation = 0
  }
  const { min, max } = minMax(pixels)
  const signed = info.pixelRepresentation === 1
  const grey = samplesPerPixel === 1
  const modality = grey
    ? readModalityTransform(dataSet, signed)
    : { slope: 1, intercept: 0, modalityLut: undefined }
  const window = defaultWindow(dataSet, modality, min, max, signed)
  return {
    rows: info.rows,
    columns: info.columns,
    samplesPerPixel,
    photometricInterpretation: photometric,
    sourcePhotometricInterpretation: info.photometricInterpretation,
    pixelData: pixels,
    bitsAllocated,
    bitsStored,
    pixelRepresentation,
    slope: modality.slope,
    intercept: modality.intercept,
    modalityLut: modality.modalityLut,
    windowCenter: window.windowCenter,
    windowWidth: window.windowWidth,
    voiLut: window.voiLut,
    minPixelValue: min,
    maxPixelValue: max,
    invert: photometric === 'MONOCHROME1',
    transferSyntaxUID: dicom.transferSyntaxUID,
    lossy: ts.lossy,
  }
}

async function readRawFrame(
  dicom: DicomData,
  info: ImageInfo,
  ts: TransferSyntaxInfo,
  frameIndex: number,
  signal: AbortSignal | undefined,
): Promise<RawFrame> {
  const { dataSet } = dicom
  const element = pixelDataElement(dataSet, frameIndex)
  const pixelCount = info.rows * info.columns
  const sampleCount = pixelCount * info.samplesPerPixel
  const photometric = info.photometricInterpretation
  if (ts.encoding === 'native') {
    if (element.encapsulatedPixelData) {
      throw new FormatError(
        `DICOM frame ${frameIndex}: ${ts.name} file holds encapsulated (compressed) pixel data`,
        { reason: 'corrupt' },
      )
    }
    const { bytes, bitOffset } = nativeFrame(dataSet, element, info, frameIndex)
    if (photometric === 'YBR_FULL_422') {
      // Two luma and one shared chroma pair per two pixels: expand to full YBR first.
      const packed = nativeStoredValues(bytes, 0, pixelCount * 2, info, ts.bigEndian)
      return {
        pixels: ybr422ToFull(packed, pixelCount),
        photometric: 'YBR_FULL',
        planar: false,
        colorConverted: false,
      }
    }
    const pixels = nativeStoredValues(bytes, bitOffset, sampleCount, info, ts.bigEndian)
    return { pixels, photometric, planar: info.planarConfiguration === 1, colorConverted: false }
  }
  if (!element.encapsulatedPixelData) {
    throw new FormatError(
      `DICOM frame ${frameIndex}: ${ts.name} needs encapsulated pixel data, the file has native`,
      { reason: 'corrupt' },
    )
  }
  if (info.bitsAllocated === 1) {
    throw new FormatError(`DICOM frame ${frameIndex}: 1-bit pixel data in ${ts.name} is not supported`, {
      reason: 'unsupported',
    })
  }
  const encoded = encapsulatedFrame(dataSet, element, info, frameIndex)
  if (ts.encoding === 'rle') {
    const bytes = decodeRle(encoded, pixelCount, info.samplesPerPixel, info.bitsAllocated / 8, frameIndex)
    // Segments are colour planes by definition; decodeRle interleaves them, whatever Planar Configuration says.
    return {
      pixels: nativeStoredValues(bytes, 0, sampleCount, info, false),
      photometric,
      planar: false,
      colorConverted: false,
    }
  }
  // The codestream's own header must agree with the data set before a codec allocates for it.
  const header = codestreamHeader(encoded)
  if (header && (header.width !== info.columns || header.height !== info.rows)) {
    throw new FormatError(
      `DICOM frame ${frameIndex}: ${ts.name} codestream header says ${header.width}×${header.height}, ` +
        `the dataset says ${info.columns}×${info.rows}`,
      { reason: 'corrupt' },
    )
  }
  // CharLS spends tens of seconds failing on a codestream cut short (found by fuzzing): a JPEG-LS codestream
  // ends with EOI, so one that does not is refused before the codec sees it.
  if (ts.encoding === 'jpeg-ls' && !endsWithEoi(encoded)) {
    throw new FormatError(
      `DICOM frame ${frameIndex}: ${ts.name} codestream (${encoded.length} bytes) does not end with an EOI ` +
        'marker: it is truncated or corrupt',
      { reason: 'corrupt' },
    )
  }
  // In a worker of the shared pool where there is one (same codec, same bytes and errors), else here.
  const out = await decodeCodestream(
    {
      transferSyntaxUID: dicom.transferSyntaxUID,
      precision: header?.precision ?? info.bitsStored,
      encoded,
      bitsAllocated: info.bitsAllocated,
      signed: info.pixelRepresentation === 1,
      frameIndex,
    },
    decodeCodestreamNow,
    signal,
  )
  if (out.width !== info.columns || out.height !== info.rows || out.components !== info.samplesPerPixel) {
    throw new FormatError(
      `DICOM frame ${frameIndex}: ${ts.name} codestream is ${out.width}×${out.height}×${out.components}, ` +
        `the dataset says ${info.columns}×${info.rows}×${info.samplesPerPixel}`,
      { reason: 'corrupt' },
    )
  }
  return {
    pixels: codecStoredValues(out, info, sampleCount, frameIndex),
    photometric,
    planar: out.planar,
    colorConverted: out.colorConverted,
  }
}

/** Codec output (1 or 2 bytes per sample, little endian) to stored values of the dataset's pixel format. */
function codecStoredValues(
  out: CodecOutput,
  info: ImageInfo,
  sampleCount: number,
  frameIndex: number,
): PixelArray {
  const needed = sampleCount * out.bytesPerSample
  if (out.bytes.length < needed) {
    throw new FormatError(
      `DICOM frame ${frameIndex}: the codec returned ${out.bytes.length} bytes, ${needed} expected`,
      { reason: 'corrupt' },
    )
  }
  if (out.bytesPerSample * 8 === info.bitsAllocated)
    return nativeStoredValues(out.bytes, 0, sampleCount, info, false)
  // The codestream's precision differs from Bits Allocated (e.g. 8-bit JPEG-LS in 16-bit words): widen or narrow.
  const source =
    out.bytesPerSample === 1
      ? out.bytes
      : new Uint16Array(out.bytes.buffer, out.bytes.byteOffset, sampleCount)
  const pixels = allocatePixels(info, sampleCount)
  for (let i = 0; i < sampleCount; i++) pixels[i] = source[i]
  maskStoredBits(pixels, info)
  return pixels
}

/** True when the codestream's last marker is EOI (FF D9), before any 0x00 padding (fragments have even lengths). */
function endsWithEoi(encoded: Uint8Array): boolean {
  let end = encoded.length
  while (end > 2 && encoded[end - 1] === 0) end--
  return encoded[end - 2] === 0xff && encoded[end - 1] === 0xd9
}
