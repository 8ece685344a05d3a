/// <reference types="vite/client" />
// The worker pool in Chromium: frames decoded and files converted in workers equal, byte for byte, what the
// main thread produces; errors cross as the same classes with the same fields; abort stops the work.
import { afterEach, describe, expect, it } from 'vitest'
import { convertDownload } from '../../../src/api/convertDownload.js'
import { FormatError } from '../../../src/api/errors.js'
import type { ConvertedData, DicomData } from '../../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { setMaxDecodedBytes } from '../../../src/api/format/decodedSizeLimit.js'
import type { DecodedFrame } from '../../../src/viewers/decode/DecodedFrame.js'
import { decodeDicomFrame } from '../../../src/viewers/decode/decodeDicomFrame.js'
import { currentWorkerPool, setWorkerPoolSize } from '../../../src/viewers/workers/offThread.js'
import { encodeHtj2k, encodeJ2k } from './encoders.js'
import { ctSlice, deflatedCt, encapsulatedCt, gzip, niftiGz } from './generators.js'

const urls = import.meta.glob<string>(
  ['../../fixtures/dicom/*.dcm', '../../fixtures/generated/*.dcm', '../../fixtures/nifti/*'],
  {
    query: '?url',
    import: 'default',
    eager: true,
  },
)

async function fixture(name: string): Promise<Uint8Array> {
  const key = Object.keys(urls).find((k) => k.endsWith(`/${name}`))
  if (!key) throw new Error(`no fixture ${name}`)
  return new Uint8Array(await (await fetch(urls[key])).arrayBuffer())
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
}

/** Every frame decoded with the pool of `size` workers (0: this thread). */
async function decodeAll(dicom: DicomData, size: number): Promise<DecodedFrame[]> {
  setWorkerPoolSize(size)
  const frames: DecodedFrame[] = []
  for (let f = 0; f < dicom.numberOfFrames; f++) frames.push(await decodeDicomFrame(dicom, f))
  return frames
}

/** Byte-for-byte equality with a plain loop (a deep equal over millions of elements takes seconds). */
function expectSameBytes(a: ArrayBufferView, b: ArrayBufferView) {
  const x = bytesOf(a)
  const y = bytesOf(b)
  expect(x.length).toBe(y.length)
  let firstDifference = -1
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) {
      firstDifference = i
      break
    }
  }
  expect(firstDifference).toBe(-1)
}

function expectSameFrame(worker: DecodedFrame, main: DecodedFrame) {
  const { pixelData: a, ...restA } = worker
  const { pixelData: b, ...restB } = main
  expect(a.constructor).toBe(b.constructor)
  expectSameBytes(a, b)
  expect(restA).toEqual(restB)
}

afterEach(() => setWorkerPoolSize(2))

// One file per compressed syntax the codecs handle (and colour, multi-frame, 12-bit, lossy variants).
const COMPRESSED = [
  'JPEG2000.dcm',
  'MR_small_j2k_lossless.dcm',
  'MR_small_j2k_lossy.dcm',
  'MR_small_htj2k_lossless.dcm',
  'MR_small_htj2k_lossy.dcm',
  'SC_rgb_htj2k_rct.dcm',
  'SC_rgb_2frame_j2k_ict.dcm',
  'MR_small_jpeg_ls_lossless.dcm',
  'MR_small_12bit_jpeg_ls_near2.dcm',
  'SC_rgb_2frame_jpeg_ls_ilv_none.dcm',
  'MR_small_jpeg_lossless_sv1.dcm',
  'SC_rgb_2frame_jpeg_lossless_nobot_frag.dcm',
  'SC_rgb_jpeg_dcmtk.dcm',
  'SC_rgb_2frame_jpeg_ybr422.dcm',
  'MR_small_12bit_jpeg_extended.dcm',
]

describe('decodeDicomFrame in the worker pool', () => {
  for (const name of COMPRESSED) {
    it(`${name}: worker frames equal main-thread frames byte for byte`, async () => {
      const dicom = convertFormat(await fixture(name), 'application/dicom') as DicomData
      const main = await decodeAll(dicom, 0)
      const inWorkers = await decodeAll(dicom, 1)
      expect(currentWorkerPool()?.workerCount).toBe(1)
      expect(currentWorkerPool()?.usable).toBe(true)
      for (const [f, frame] of inWorkers.entries()) expectSameFrame(frame, main[f])
      // Decoded again in the same (warm) worker: a codec reusing its memory would show here.
      const again = await decodeDicomFrame(dicom, 0)
      expectSameFrame(again, main[0])
    }, 60_000)
  }

  it('512×512 JPEG 2000 and HTJ2K frames made by the encoders decode to the original pixels', async () => {
    const pixels = ctSlice(512)
    for (const [uid, encode] of [
      ['1.2.840.10008.1.2.4.90', encodeJ2k],
      ['1.2.840.10008.1.2.4.201', encodeHtj2k],
    ] as const) {
      const dicom = convertFormat(encapsulatedCt(512, [await encode(pixels, 512)], uid)) as DicomData
      setWorkerPoolSize(2)
      const frame = await decodeDicomFrame(dicom, 0)
      expectSameBytes(frame.pixelData, pixels)
      expectSameFrame(frame, (await decodeAll(dicom, 0))[0])
    }
  }, 60_000)

  it('a corrupt codestream fails in the worker with the same FormatError as on this thread', async () => {
    const dicom = convertFormat(
      encapsulatedCt(
        64,
        [new Uint8Array([0xff, 0x4f, 0xff, 0x51, 1, 2, 3, 4, 5, 6])],
        '1.2.840.10008.1.2.4.90',
      ),
    ) as DicomData
    setWorkerPoolSize(0)
    const main = await decodeDicomFrame(dicom, 0).catch((e: unknown) => e)
    setWorkerPoolSize(1)
    const worker = await decodeDicomFrame(dicom, 0).catch((e: unknown) => e)
    expect(main).toBeInstanceOf(FormatError)
    expect(worker).toBeInstanceOf(FormatError)
    expect((worker as FormatError).message).toBe((main as FormatError).message)
    expect((worker as FormatError).reason).toBe((main as FormatError).reason)
    expect((worker as FormatError).message).toMatch(/^DICOM frame 0: JPEG 2000 /)
  })

  it('an aborted decode rejects with the signal’s reason, and the pool decodes on afterwards', async () => {
    const pixels = ctSlice(512)
    const dicom = convertFormat(
      encapsulatedCt(512, [await encodeJ2k(pixels, 512)], '1.2.840.10008.1.2.4.90'),
    ) as DicomData
    setWorkerPoolSize(1)
    const controller = new AbortController()
    const pending = decodeDicomFrame(dicom, 0, { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    const frame = await decodeDicomFrame(dicom, 0)
    expectSameBytes(frame.pixelData, pixels)
  })
})

/** convertDownload through the pool vs convertDownloadNow here, on copies of the same bytes. */
async function bothWays(bytes: Uint8Array, mimetype?: string): Promise<[ConvertedData, ConvertedData]> {
  setWorkerPoolSize(0)
  const main = await convertDownload(bytes.slice(), mimetype)
  setWorkerPoolSize(1)
  const worker = await convertDownload(bytes.slice(), mimetype)
  expect(currentWorkerPool()?.workerCount).toBe(1)
  return [worker, main]
}

describe('convertDownload in the worker pool', () => {
  it('a .nii.gz: the same header, affine and voxels', async () => {
    // The dev server sends .gz files with Content-Encoding: gzip, so fetch has inflated it: compress again.
    const bytes = await gzip(await fixture('example4d.nii.gz'))
    expect(bytes.length).toBeGreaterThan(128 * 1024)
    const [worker, main] = await bothWays(bytes)
    if (worker.kind !== 'nifti' || main.kind !== 'nifti') throw new Error('not NIfTI')
    const { voxels: a, ...restA } = worker
    const { voxels: b, ...restB } = main
    expect(a.constructor).toBe(b.constructor)
    expectSameBytes(a, b)
    expect(restA).toEqual(restB)
  }, 60_000)

  it('a 128³ .nii.gz made by the generator converts in a worker', async () => {
    const bytes = await niftiGz(128)
    const [worker, main] = await bothWays(bytes)
    if (worker.kind !== 'nifti' || main.kind !== 'nifti') throw new Error('not NIfTI')
    expect(worker.dims).toEqual([128, 128, 128, 1])
    expectSameBytes(worker.voxels, main.voxels)
  }, 60_000)

  it('a deflated DICOM: the same data set (elements, values, bytes) and the same decoded frames', async () => {
    const bytes = deflatedCt(512, 2)
    expect(bytes.length).toBeGreaterThan(128 * 1024)
    const [worker, main] = await bothWays(bytes)
    if (worker.kind !== 'dicom' || main.kind !== 'dicom') throw new Error('not DICOM')
    const { dataSet: a, ...restA } = worker
    const { dataSet: b, ...restB } = main
    expect(restA).toEqual(restB)
    expect(a.constructor).toBe(b.constructor)
    expectSameBytes(a.byteArray, b.byteArray)
    expect(a.elements).toEqual(b.elements)
    expect(a.warnings).toEqual(b.warnings)
    expect(a.string('x00020010')).toBe('1.2.840.10008.1.2.1.99')
    expect(a.floatString('x00281051')).toBe(400)
    expectSameFrame(await decodeDicomFrame(worker, 1), await decodeDicomFrame(main, 1))
    expectSameBytes((await decodeDicomFrame(worker, 0)).pixelData, ctSlice(512, 0))
  }, 60_000)

  it('a corrupt .nii.gz rejects with the same FormatError (message and reason) from the worker', async () => {
    const bytes = await niftiGz(96)
    const truncated = bytes.slice(0, Math.max(128 * 1024 + 10, bytes.length >> 1))
    expect(truncated.length).toBeLessThan(bytes.length)
    setWorkerPoolSize(0)
    const main = await convertDownload(truncated.slice(), undefined).catch((e: unknown) => e)
    setWorkerPoolSize(1)
    const worker = await convertDownload(truncated.slice(), undefined).catch((e: unknown) => e)
    expect(main).toBeInstanceOf(FormatError)
    expect(worker).toBeInstanceOf(FormatError)
    expect(worker).toMatchObject({
      name: 'FormatError',
      message: (main as FormatError).message,
      reason: (main as FormatError).reason,
    })
  })

  it('the size limit set on this thread (setMaxDecodedBytes) applies in the worker too', async () => {
    const bytes = await niftiGz(96)
    setMaxDecodedBytes(2 ** 20)
    try {
      setWorkerPoolSize(1)
      const worker = await convertDownload(bytes.slice(), undefined).catch((e: unknown) => e)
      expect(currentWorkerPool()?.workerCount).toBe(1)
      expect(worker).toBeInstanceOf(FormatError)
      expect(worker).toMatchObject({ reason: 'too-large' })
      expect((worker as FormatError).message).toContain(`${2 ** 20}-byte limit`)
    } finally {
      setMaxDecodedBytes(undefined)
    }
  }, 60_000)

  it('small or uncompressed files stay on this thread (a worker would only add a copy)', async () => {
    setWorkerPoolSize(1)
    const data = await convertDownload(await fixture('CT_small.dcm'), undefined)
    expect(data.kind).toBe('dicom')
    expect(currentWorkerPool()).toBeUndefined()
  })
})
