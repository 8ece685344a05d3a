import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import { decodeDctJpeg } from '../../../src/viewers/decode/codecs/dctJpeg.js'

const dir = 'test/fixtures/generated'

/** Pixels of a binary 8-bit PGM (djpeg's output). */
function pgm(path: string): { width: number; height: number; pixels: Uint8Array } {
  const bytes = new Uint8Array(readFileSync(path))
  const header = new TextDecoder().decode(bytes.subarray(0, 20)).split(/\s+/)
  const [width, height] = [Number(header[1]), Number(header[2])]
  return { width, height, pixels: bytes.subarray(bytes.length - width * height) }
}

describe('decodeDctJpeg (sequential DCT, used for JPEG Extended 12-bit)', () => {
  it('follows restart markers and matches libjpeg-turbo within IDCT rounding', () => {
    const out = decodeDctJpeg(new Uint8Array(readFileSync(`${dir}/CT_small_8bit_restart.jpg`)))
    const ref = pgm(`${dir}/CT_small_8bit_restart.pgm`)
    expect([out.width, out.height, out.components, out.bytesPerSample]).toEqual([ref.width, ref.height, 1, 1])
    let max = 0
    for (let i = 0; i < ref.pixels.length; i++) max = Math.max(max, Math.abs(out.bytes[i] - ref.pixels[i]))
    expect(max).toBeLessThanOrEqual(2)
  })

  it('refuses progressive JPEG with a FormatError naming the process', () => {
    const bytes = new Uint8Array(readFileSync(`${dir}/CT_small_8bit_progressive.jpg`))
    expect(() => decodeDctJpeg(bytes)).toThrow(FormatError)
    expect(() => decodeDctJpeg(bytes)).toThrow(/SOF2 \(progressive/)
  })

  it('refuses bytes that are not JPEG', () => {
    expect(() => decodeDctJpeg(new Uint8Array([0, 1, 2, 3]))).toThrow(/no SOI marker/)
  })
})
