import type { DataSet } from 'dicom-parser'

/** A parsed DICOM file, with the image-level facts viewers need first. */
export interface DicomData {
  kind: 'dicom'
  mimetype: string
  /**
   * The data set, with dicom-parser's `DataSet` contract (elements, items, fragments, accessors); pixel
   * data is referenced in `dataSet.byteArray` (the input itself), never copied. Deflated files are
   * inflated once, so their `byteArray` holds the inflated data set.
   */
  dataSet: DataSet
  /** Rows (0028,0010); 0 when the file holds no image (e.g. a structured report). */
  rows: number
  /** Columns (0028,0011); 0 when the file holds no image. */
  columns: number
  /** Number of Frames (0028,0008), 1 when absent. */
  numberOfFrames: number
  /** From the file meta; for a bare data set (no meta), the Implicit or Explicit VR Little Endian UID detected. */
  transferSyntaxUID: string
  /** Photometric Interpretation (0028,0004), e.g. `MONOCHROME2`, `RGB`, `YBR_FULL`; '' when absent. */
  photometricInterpretation: string
}

/** A still image (PNG, JPEG, GIF, BMP, WebP, TIFF); size read from its header. */
export interface ImageData {
  kind: 'image'
  mimetype: string
  bytes: Uint8Array
  width: number
  height: number
}

/** A video file (MP4, MOV, WebM, AVI), kept as bytes for the browser to play. */
export interface VideoData {
  kind: 'video'
  mimetype: string
  bytes: Uint8Array
}

/** NIfTI datatype codes this library reads. */
export type NiftiDatatype =
  | 'uint8'
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'float32'
  | 'float64'
  | 'rgb24'

export type NiftiVoxels =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array

/** A NIfTI-1 or NIfTI-2 volume, decompressed once, in native byte order. */
export interface NiftiData {
  kind: 'nifti'
  mimetype: string
  version: 1 | 2
  /** Voxel counts `[nx, ny, nz, nt]` (missing dimensions are 1; dimensions 5 to 7, rare, are folded into nt). */
  dims: [number, number, number, number]
  /** Voxel sizes `[dx, dy, dz, dt]` from pixdim[1..4], as stored. */
  pixDims: [number, number, number, number]
  datatype: NiftiDatatype
  /** NIfTI datatype code as stored (2, 4, 8, 16, 64, 128, 256, 512, 768). */
  datatypeCode: number
  /** Multiply stored values by this; `1` when the file says 0 (meaning "no scaling"). */
  sclSlope: number
  sclInter: number
  /** Row-major 4×4 voxel-to-patient (RAS+ mm) matrix, from sform when set, else qform, else pixdim. */
  affine: number[][]
  /** Which header form produced `affine`. */
  affineSource: 'sform' | 'qform' | 'pixdim'
  /**
   * Stored voxels in native byte order, x fastest; rgb24 is 3 interleaved bytes per voxel. A view on the
   * input's memory when its offset is aligned and its byte order native, a copy otherwise.
   */
  voxels: NiftiVoxels
  /** Every header field as stored, under its NIfTI name (`dim`, `pixdim`, `vox_offset`, `srow_x`, `descrip`, ...). */
  header: Record<string, unknown>
}

/** Parsed JSON content. */
export interface JsonData {
  kind: 'json'
  mimetype: string
  value: unknown
}

/** Bytes of a type this library does not interpret (application/octet-stream). */
export interface BytesData {
  kind: 'bytes'
  mimetype: string
  bytes: Uint8Array
}

/** What {@link BaseApi.convertFormat} returns, tagged by `kind`. */
export type ConvertedData = DicomData | ImageData | VideoData | NiftiData | JsonData | BytesData

export type ConvertedKind = ConvertedData['kind']
