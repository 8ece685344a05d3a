import { gzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import ctSmallNometa from '../../fixtures/dicom/CT_small_nometa.dcm?url'
import imageDfl from '../../fixtures/dicom/image_dfl.dcm?url'
import mrSmall from '../../fixtures/dicom/MR_small.dcm?url'
import mrTruncated from '../../fixtures/dicom/MR_truncated.dcm?url'
import ctCropWebp from '../../fixtures/image/ct_crop_lossless.webp?url'
import example4d from '../../fixtures/nifti/example4d.nii.gz?url'

const load = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer())
// The dev server sends .gz files with Content-Encoding: gzip, so fetch hands back the inflated .nii:
// compress it again to exercise the .nii.gz path.
const loadNiiGz = async () => {
  const bytes = await load(example4d)
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? bytes : gzipSync(bytes)
}

// No Buffer, no node:zlib: the same conversions in Chromium's main thread and in a module Worker.
describe('convertFormat in Chromium', () => {
  it('converts DICOM (bare, deflated), .nii.gz and WebP on the main thread', async () => {
    const bare = convertFormat(await load(ctSmallNometa))
    expect(bare.kind === 'dicom' && [bare.rows, bare.columns]).toEqual([128, 128])
    const deflated = convertFormat(await load(imageDfl))
    expect(deflated.kind === 'dicom' && deflated.dataSet.elements.x7fe00010.length).toBe(512 * 512)
    const nifti = convertFormat(await loadNiiGz())
    expect(nifti.kind === 'nifti' && [nifti.mimetype, nifti.dims]).toEqual([
      'application/gzip',
      [128, 96, 24, 2],
    ])
    const webp = convertFormat(await load(ctCropWebp))
    expect(webp.kind === 'image' && [webp.width, webp.height]).toEqual([100, 60])
    await expect(async () => convertFormat(await load(mrTruncated))).rejects.toBeInstanceOf(FormatError)
  })

  it('converts in a Worker', async () => {
    const worker = new Worker(new URL('./convertFormatWorker.ts', import.meta.url), { type: 'module' })
    const ask = (bytes: Uint8Array, mimetype?: string) =>
      new Promise<unknown>((resolve, reject) => {
        worker.onmessage = (event) => resolve(event.data)
        worker.onerror = (event) => reject(new Error(event.message))
        const copy = bytes.slice().buffer
        worker.postMessage({ bytes: copy, mimetype }, [copy])
      })
    try {
      expect(await ask(await load(mrSmall))).toEqual({
        ok: { kind: 'dicom', mimetype: 'application/dicom', rows: 64, columns: 64, frames: 1 },
      })
      expect(await ask(await loadNiiGz())).toEqual({
        ok: { kind: 'nifti', mimetype: 'application/gzip', dims: [128, 96, 24, 2], voxels: 589824 },
      })
      expect(await ask(await load(imageDfl), 'application/dicom')).toMatchObject({
        ok: { rows: 512, columns: 512 },
      })
      expect(await ask(new Uint8Array())).toEqual({ error: 'FormatError: Empty file content.' })
    } finally {
      worker.terminate()
    }
  })
})
