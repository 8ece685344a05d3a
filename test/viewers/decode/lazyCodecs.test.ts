import { createRequire } from 'node:module'
import { expect, it } from 'vitest'
import { decodeDicomFrame } from '../../../src/viewers/decode/decodeDicomFrame.js'
import { loadDicom } from './fixtures.js'

// The Emscripten codecs are CommonJS, so once Node has loaded one it sits in the CommonJS module cache.
const cache = createRequire(import.meta.url).cache
const loaded = (pkg: string) => Object.keys(cache).some((k) => k.includes(`${pkg}/`))
const CODECS = ['codec-charls', 'codec-libjpeg-turbo-8bit', 'codec-openjpeg', 'codec-openjph']

it('loads each codec package only when a file of its transfer syntax is decoded', async () => {
  await decodeDicomFrame(loadDicom('test/fixtures/dicom/MR_small.dcm'))
  await decodeDicomFrame(loadDicom('test/fixtures/dicom/MR_small_RLE.dcm'))
  expect(CODECS.filter(loaded)).toEqual([])

  await decodeDicomFrame(loadDicom('test/fixtures/dicom/MR_small_jpeg_ls_lossless.dcm'))
  expect(CODECS.filter(loaded)).toEqual(['codec-charls'])

  await decodeDicomFrame(loadDicom('test/fixtures/dicom/JPEG2000.dcm'))
  expect(CODECS.filter(loaded)).toEqual(['codec-charls', 'codec-openjpeg'])
})
