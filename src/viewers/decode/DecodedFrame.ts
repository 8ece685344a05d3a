import type { ModalityLut } from './modalityLut.js'
import type { VoiLut } from './voi.js'

/** Stored pixel values of one frame, typed as Bits Allocated and Pixel Representation say. */
export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array

/**
 * One decoded DICOM frame. `pixelData` holds STORED values (before the modality LUT), row-major;
 * colour frames are interleaved RGB (`samplesPerPixel` 3) whatever the file's photometric interpretation was.
 * For native little-endian data `pixelData` may be a view of the file's own bytes: treat it as read-only.
 */
export interface DecodedFrame {
  rows: number
  columns: number
  samplesPerPixel: 1 | 3
  /** What the pixels are now: 'MONOCHROME1', 'MONOCHROME2' or 'RGB' (YBR and PALETTE COLOR come out as RGB). */
  photometricInterpretation: string
  /** The file's own Photometric Interpretation, before any conversion. */
  sourcePhotometricInterpretation: string
  pixelData: PixelArray
  /** Bits per sample in `pixelData` (for PALETTE COLOR: of the RGB values, i.e. the LUT entries). */
  bitsAllocated: number
  bitsStored: number
  /** 1 when stored values are two's-complement signed. */
  pixelRepresentation: 0 | 1
  /** Rescale Slope / Intercept (1 and 0 when absent or when a Modality LUT Sequence applies). */
  slope: number
  intercept: number
  /** Modality LUT Sequence, when the file has one instead of rescale slope/intercept. */
  modalityLut: ModalityLut | undefined
  windowCenter: number
  windowWidth: number
  /** VOI LUT Sequence (first item), when the file has one. */
  voiLut: VoiLut | undefined
  /** Minimum and maximum stored value (from a full scan of this frame). */
  minPixelValue: number
  maxPixelValue: number
  /** True for MONOCHROME1: low values are white, so viewers invert. */
  invert: boolean
  /** Transfer syntax the frame was encoded with. */
  transferSyntaxUID: string
  /** True for lossy transfer syntaxes (JPEG baseline/extended, JPEG-LS near-lossless may be, JPEG 2000 lossy). */
  lossy: boolean
}
