import { expect, it } from 'vitest'
import { instantiatedCodecs } from '../../../src/viewers/decode/codecs/wasmCodec.js'
import { decodeDicomFrame } from '../../../src/viewers/decode/decodeDicomFrame.js'
import { loadDicom } from './fixtures.js'

it('loads each codec only when a file of its transfer syntax is decoded', async () => {
  await decodeDicomFrame(loadDicom('test/fixtures/dicom/MR_small.dcm'))
  await decodeDicomFrame(loadDicom('test/fixtures/dicom/MR_small_RLE.dcm'))
  expect(instantiatedCodecs()).toEqual([])

  await decodeDicomFrame(loadDicom('test/fixtures/dicom/MR_small_jpeg_ls_lossless.dcm'))
  expect(instantiatedCodecs()).toEqual(['charls_decode.wasm'])

  await decodeDicomFrame(loadDicom('test/fixtures/dicom/JPEG2000.dcm'))
  expect(instantiatedCodecs()).toEqual(['charls_decode.wasm', 'openjpeg_decode.wasm'])
})
