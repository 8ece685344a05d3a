// The codec packages' full builds (with encoders), used only by tests and benchmarks to make frames.
declare module '@cornerstonejs/codec-openjpeg/wasmjs' {
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
