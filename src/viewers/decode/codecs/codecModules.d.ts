// Type declarations for codec packages that ship none (the @cornerstonejs Emscripten factories and
// jpeg-lossless-decoder-js, whose package.json points at a .d.ts it does not contain).
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (options?: {
    locateFile?: (path: string, prefix: string) => string
  }) => Promise<Record<string, unknown>>
  export default factory
}
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: (options?: {
    locateFile?: (path: string, prefix: string) => string
  }) => Promise<Record<string, unknown>>
  export default factory
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (options?: {
    locateFile?: (path: string, prefix: string) => string
  }) => Promise<Record<string, unknown>>
  export default factory
}
declare module '@cornerstonejs/codec-openjph/wasmjs' {
  const factory: (options?: {
    locateFile?: (path: string, prefix: string) => string
  }) => Promise<Record<string, unknown>>
  export default factory
}
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    xDim: number
    yDim: number
    numComp: number
    precision: number | undefined
    restartInterval: number
    restarting: boolean
    marker: number
    markerIndex: number
    decode(buffer: ArrayBuffer, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array
  }
}
