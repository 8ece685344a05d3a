import fc from 'fast-check'
import { expect, it } from 'vitest'
import type { PixelArray } from '../../../src/viewers/decode/DecodedFrame.js'
import { minMax } from '../../../src/viewers/decode/storedValues.js'

const TYPES = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array]

function naive(values: ArrayLike<number>): { min: number; max: number } {
  let min = values[0]
  let max = values[0]
  for (let i = 1; i < values.length; i++) {
    if (values[i] < min) min = values[i]
    if (values[i] > max) max = values[i]
  }
  return { min, max }
}

it('minMax gives the naive scan for every pixel type, length and alignment (16-bit data read as words)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...TYPES),
      fc.array(fc.integer(), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 0, max: 3 }),
      (Type, raw, offset) => {
        // A view `offset` elements into a larger buffer: 16-bit views then start at either word alignment.
        const host = new Type(raw.length + offset + 1)
        const pixels = host.subarray(offset, offset + raw.length) as PixelArray
        for (let i = 0; i < raw.length; i++) pixels[i] = raw[i]
        expect(minMax(pixels)).toEqual(naive(pixels))
      },
    ),
    { numRuns: 600, seed: 9 },
  )
  expect(minMax(new Int16Array(0))).toEqual({ min: 0, max: 0 })
  expect(minMax(Int16Array.of(-32768, 32767))).toEqual({ min: -32768, max: 32767 })
  expect(minMax(Uint16Array.of(65535, 0, 7))).toEqual({ min: 0, max: 65535 })
})
