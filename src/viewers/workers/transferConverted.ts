import dicomParser, { type ByteArrayParser, type DataSet, type Element } from 'dicom-parser'
import type { ConvertedData, DicomData } from '../../api/format/ConvertedData.js'

const littleEndian = dicomParser.littleEndianByteArrayParser
const bigEndian = dicomParser.bigEndianByteArrayParser
// dicom-parser's DataSet class: exported at run time, missing from its typings.
const { DataSet: DicomDataSet } = dicomParser as unknown as {
  DataSet: new (parser: ByteArrayParser, bytes: Uint8Array, elements: Record<string, Element>) => DataSet
}

/** A DataSet without its byte-order parser functions (which cannot be posted); `byteArray` is shared. */
interface PackedDataSet {
  little: boolean
  byteArray: Uint8Array
  elements: Record<string, PackedElement>
  warnings?: string[]
}

type PackedElement = Omit<Element, 'parser' | 'items'> & {
  /** The element's own parser (file meta in a big-endian file): its byte order. */
  parserLittle?: boolean
  items?: Array<Omit<NonNullable<Element['items']>[number], 'dataSet'> & { dataSet?: PackedDataSet }>
}

/** ConvertedData as posted between threads: a DICOM data set packed, everything else as is. */
export type PackedConverted =
  | Exclude<ConvertedData, DicomData>
  | (Omit<DicomData, 'dataSet'> & { dataSet: PackedDataSet })

/** The buffers a converted result can move instead of copying (pixel bytes, voxels). */
export function transferables(data: PackedConverted | ConvertedData): ArrayBuffer[] {
  const views =
    data.kind === 'dicom'
      ? [data.dataSet.byteArray]
      : data.kind === 'nifti'
        ? [data.voxels]
        : data.kind === 'json'
          ? []
          : [data.bytes]
  return [...new Set(views.map((v) => v.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer)
}

/** Replaces the DICOM data set by plain data that can be posted (the elements tree, the bytes, byte order). */
export function packConverted(data: ConvertedData): PackedConverted {
  return data.kind === 'dicom' ? { ...data, dataSet: packDataSet(data.dataSet) } : data
}

/** Rebuilds what {@link packConverted} posted: the same data set class, elements and bytes. */
export function unpackConverted(data: PackedConverted): ConvertedData {
  return data.kind === 'dicom' ? { ...data, dataSet: unpackDataSet(data.dataSet) } : data
}

function packDataSet(dataSet: DataSet): PackedDataSet {
  const elements: Record<string, PackedElement> = {}
  for (const [tag, element] of Object.entries(dataSet.elements)) {
    const { parser, items, ...rest } = element
    const packed: PackedElement = rest
    if (parser) packed.parserLittle = parser.readUint16(LITTLE_PROBE, 0) === 1
    if (items)
      packed.items = items.map(({ dataSet: itemSet, ...item }) =>
        itemSet ? { ...item, dataSet: packDataSet(itemSet) } : item,
      )
    elements[tag] = packed
  }
  const packed: PackedDataSet = {
    little: dataSet.byteArrayParser.readUint16(LITTLE_PROBE, 0) === 1,
    byteArray: dataSet.byteArray as Uint8Array,
    elements,
  }
  if (dataSet.warnings) packed.warnings = dataSet.warnings
  return packed
}

function unpackDataSet(packed: PackedDataSet): DataSet {
  const elements: Record<string, Element> = {}
  for (const [tag, { parserLittle, items, ...rest }] of Object.entries(packed.elements)) {
    const element: Element = rest
    if (parserLittle !== undefined) element.parser = parserLittle ? littleEndian : bigEndian
    if (items) {
      element.items = items.map(({ dataSet, ...item }) =>
        dataSet ? { ...item, dataSet: unpackDataSet(dataSet) } : item,
      )
    }
    elements[tag] = element
  }
  const dataSet = new DicomDataSet(packed.little ? littleEndian : bigEndian, packed.byteArray, elements)
  if (packed.warnings) dataSet.warnings = packed.warnings
  return dataSet
}

// 01 00 reads 1 little endian, 256 big endian: tells a parser's byte order without knowing its class.
const LITTLE_PROBE = new Uint8Array([1, 0])
