import { describe, expect, it } from 'vitest'
import { decodeDicomFrame } from '../../../src/viewers/decode/decodeDicomFrame.js'
import { loadDicom, maxAbsDiff, referenceArray, references, sha256, TYPED } from './fixtures.js'

// Largest difference allowed from the reference decoder for lossy files: different IDCT/colour rounding
// (libjpeg-turbo vs libjpeg/GDCM) or the same codec (OpenJPEG, CharLS, OpenJPH) bit for bit.
const TOLERANCE: Record<string, number> = {
  '1.2.840.10008.1.2.4.50': 2, // JPEG baseline: libjpeg-turbo vs DCMTK's IJG
  '1.2.840.10008.1.2.4.51': 2, // JPEG extended 12-bit: our float IDCT vs IJG's integer IDCT
  '1.2.840.10008.1.2.4.81': 0, // JPEG-LS near-lossless is deterministic: identical to CharLS in DCMTK
  '1.2.840.10008.1.2.4.91': 1, // JPEG 2000 irreversible: OpenJPEG in GDCM vs our OpenJPEG build
  '1.2.840.10008.1.2.4.203': 1,
}

describe('decodeDicomFrame matches the reference decodes (scripts/make-reference.py)', () => {
  for (const ref of references()) {
    it(`${ref.file} (${ref.lossy ? 'lossy' : 'lossless'}, ${ref.decoder})`, async () => {
      const dicom = loadDicom(ref.file)
      expect(dicom.numberOfFrames).toBe(ref.numberOfFrames)
      const whole = ref.lossy ? referenceArray(ref) : undefined
      for (let f = 0; f < ref.numberOfFrames; f++) {
        const frame = await decodeDicomFrame(dicom, f)
        const expected = ref.frames[f]
        expect(frame.rows).toBe(ref.rows)
        expect(frame.columns).toBe(ref.columns)
        expect(frame.samplesPerPixel).toBe(ref.samplesPerPixel)
        expect(frame.pixelData).toBeInstanceOf(TYPED[ref.dtype])
        const length = ref.rows * ref.columns * ref.samplesPerPixel
        expect(frame.pixelData.length).toBe(length)
        if (whole) {
          const diff = maxAbsDiff(frame.pixelData, whole, f * length)
          expect(diff, `frame ${f} max |ours - reference|`).toBeLessThanOrEqual(
            TOLERANCE[ref.transferSyntaxUID],
          )
        } else {
          expect(sha256(frame.pixelData), `frame ${f} stored values`).toBe(expected.sha256)
          expect([frame.minPixelValue, frame.maxPixelValue]).toEqual([expected.min, expected.max])
        }
        for (const [index, value] of expected.samples) {
          expect(Math.abs(frame.pixelData[index] - value)).toBeLessThanOrEqual(
            whole ? TOLERANCE[ref.transferSyntaxUID] : 0,
          )
        }
        if (ref.samplesPerPixel === 3) expect(frame.photometricInterpretation).toBe('RGB')
      }
    })
  }

  it('the MR_small family decodes to identical arrays', async () => {
    const names = [
      'MR_small',
      'MR_small_implicit',
      'MR_small_bigendian',
      'MR_small_RLE',
      'MR_small_jpeg_ls_lossless',
    ]
    const hashes = new Set<string>()
    for (const n of names) {
      const frame = await decodeDicomFrame(loadDicom(`test/fixtures/dicom/${n}.dcm`))
      expect(frame.pixelData).toBeInstanceOf(Int16Array)
      hashes.add(sha256(frame.pixelData))
    }
    expect(hashes.size).toBe(1)
  })
})
