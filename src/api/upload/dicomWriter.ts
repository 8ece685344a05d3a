import type { DicomDict } from 'dcmjs'
import { FormatError } from '../errors.js'
import type { DicomInstance } from './dicomInstance.js'

type Dcmjs = typeof import('dcmjs').default

let dcmjs: Promise<Dcmjs> | undefined
/** dcmjs, loaded on first use: it is large, and only assembly and anonymisation write DICOM. */
export function loadDcmjs(): Promise<Dcmjs> {
  dcmjs ??= import('dcmjs').then((m) => (m as { default?: Dcmjs }).default ?? (m as never))
  return dcmjs
}

const PIXEL_DATA = '7FE00010'

/** The data set (and file meta) of `instance` up to its Pixel Data, as a dcmjs `DicomDict` to edit and write. */
export async function readHeader(instance: DicomInstance): Promise<DicomDict> {
  const { data } = await loadDcmjs()
  const bytes = await instance.source.read(0, instance.headerLength)
  // dcmjs wants an ArrayBuffer of its own; the header is small (the pixels are never read here).
  const buffer = bytes.slice().buffer
  let dict: DicomDict
  try {
    dict = data.DicomMessage.readFile(buffer, { untilTag: PIXEL_DATA, includeUntilTagValue: false })
  } catch (error) {
    throw new FormatError(`${instance.source.name}: dcmjs could not read the data set (${String(error)}).`, {
      reason: 'corrupt',
      cause: error,
    })
  }
  // Reading stopped at Pixel Data: dcmjs leaves an empty entry for it; the pixels are appended on write.
  delete dict.dict[PIXEL_DATA]
  return dict
}

/**
 * Writes `dict` with dcmjs, in its transfer syntax, followed by `tail`: parts already encoded (the original
 * Pixel Data element and what follows it), so pixel data is passed through byte for byte and never copied
 * into one buffer here.
 */
export async function writeDicom(dict: DicomDict, tail: ReadonlyArray<Blob | Uint8Array>): Promise<Blob> {
  const header = new Uint8Array(dict.write({ allowInvalidVRLength: true }))
  return new Blob([header, ...tail] as BlobPart[], { type: 'application/dicom' })
}

/**
 * The header of a native (uncompressed) Pixel Data element of `length` bytes in `syntax`, encoded by dcmjs
 * (VR and layout as the syntax says). dcmjs is given an empty value and the length is set afterwards, so
 * the frames can follow as separate parts instead of being concatenated in memory first.
 */
export async function nativePixelDataHeader(
  syntax: string,
  vr: 'OB' | 'OW',
  length: number,
): Promise<Uint8Array> {
  const { data } = await loadDcmjs()
  const stream = new data.WriteBufferStream(32, true)
  data.DicomMessage.write({ [PIXEL_DATA]: { vr, Value: [new ArrayBuffer(0)] } }, stream, syntax, {})
  const header = new Uint8Array(stream.getBuffer())
  // The value length is the last 4 bytes of the element header (32-bit in both layouts used for OB/OW).
  new DataView(header.buffer, header.byteOffset).setUint32(header.length - 4, length, true)
  return header
}
