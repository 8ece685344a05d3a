// dcmjs ships no types; this describes the part of it the upload code uses (reading and writing data sets).
declare module 'dcmjs' {
  /** One element of a data set, keyed by its tag (`'00100010'`) in `DicomDict.dict`. */
  export interface DicomElement {
    vr: string
    Value: unknown[]
  }
  export type DicomElements = Record<string, DicomElement>
  export class DicomDict {
    constructor(meta: DicomElements)
    meta: DicomElements
    dict: DicomElements
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer
  }
  export class WriteBufferStream {
    constructor(size?: number, littleEndian?: boolean)
    size: number
    getBuffer(start?: number, end?: number): ArrayBuffer
  }
  export const data: {
    DicomDict: typeof DicomDict
    WriteBufferStream: typeof WriteBufferStream
    DicomMessage: {
      readFile(
        buffer: ArrayBuffer,
        options?: {
          ignoreErrors?: boolean
          untilTag?: string | null
          includeUntilTagValue?: boolean
          noCopy?: boolean
          forceStoreRaw?: boolean
        },
      ): DicomDict
      write(
        elements: DicomElements,
        stream: WriteBufferStream,
        syntax: string,
        options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean },
      ): number
    }
    DicomMetaDictionary: { uid(): string }
  }
  const dcmjs: { data: typeof data }
  export default dcmjs
}
