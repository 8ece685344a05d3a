// Type declarations for jpeg-lossless-decoder-js, whose package.json points at a .d.ts it does not contain.
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
