// JPEG 2000 and HTJ2K encoders from the codec packages' full WASM builds (decoder + encoder), for making test
// frames in the browser. Lossless, default settings.

interface Encoder {
  getDecodedBuffer(frameInfo: {
    width: number
    height: number
    bitsPerSample: number
    componentCount: number
    isSigned: boolean
    isUsingColorTransform: boolean
  }): Uint8Array
  encode(): void
  getEncodedBuffer(): Uint8Array
  delete(): void
}

async function encodeWith(module: Record<string, unknown>, name: string, pixels: Int16Array, size: number) {
  const encoder = new (module[name] as new () => Encoder)()
  try {
    encoder
      .getDecodedBuffer({
        width: size,
        height: size,
        bitsPerSample: 16,
        componentCount: 1,
        isSigned: true,
        isUsingColorTransform: false,
      })
      .set(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength))
    encoder.encode()
    return encoder.getEncodedBuffer().slice()
  } finally {
    encoder.delete()
  }
}

type Factory = (options: { wasmBinary: Uint8Array; print?: () => void }) => Promise<Record<string, unknown>>

async function load(factory: Promise<{ default: unknown }>, wasm: URL): Promise<Record<string, unknown>> {
  const [module, bytes] = await Promise.all([factory, fetch(wasm).then((r) => r.arrayBuffer())])
  return (module.default as Factory)({ wasmBinary: new Uint8Array(bytes), print: () => {} })
}

/** A lossless JPEG 2000 codestream of a signed 16-bit square image (OpenJPEG). */
export async function encodeJ2k(pixels: Int16Array, size: number): Promise<Uint8Array> {
  const module = await load(
    import('@cornerstonejs/codec-openjpeg/wasmjs'),
    new URL('@cornerstonejs/codec-openjpeg/wasm', import.meta.url),
  )
  return encodeWith(module, 'J2KEncoder', pixels, size)
}

/** A lossless HTJ2K codestream of a signed 16-bit square image (OpenJPH). */
export async function encodeHtj2k(pixels: Int16Array, size: number): Promise<Uint8Array> {
  const module = await load(
    import('@cornerstonejs/codec-openjph/wasmjs'),
    new URL('@cornerstonejs/codec-openjph/wasm', import.meta.url),
  )
  return encodeWith(module, 'HTJ2KEncoder', pixels, size)
}
