import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { fetchSeedFiles, mimetypeFromFilename } from '../../src/testing/index.js'
import { loadSeedFiles } from '../../src/testing/node.js'
import { FIXTURES } from './harness.js'

describe('loadSeedFiles (Node)', () => {
  it('reads every file under a folder recursively, sorted by path, skipping dotfiles and Markdown', async () => {
    const files = await loadSeedFiles(`${FIXTURES}nifti`)
    expect(files.map((f) => f.filename)).toEqual([
      'anatomical.nii',
      'anatomical_nifti2.nii',
      'example4d.nii.gz',
    ])
    expect(files[0].bytes).toEqual(new Uint8Array(await readFile(`${FIXTURES}nifti/anatomical.nii`)))
    const all = await loadSeedFiles(FIXTURES)
    expect(all.some((f) => f.filename === 'PROVENANCE.md')).toBe(false)
    expect(all.some((f) => f.filename === 'CT_small.dcm')).toBe(true)
  })

  it('keeps only the paths `include` accepts', async () => {
    const videos = await loadSeedFiles(FIXTURES, { include: (path) => path.startsWith('video/') })
    expect(videos.length).toBeGreaterThan(0)
    expect(videos.every((f) => mimetypeFromFilename(f.filename).startsWith('video/'))).toBe(true)
  })
})

describe('fetchSeedFiles (browser loader)', () => {
  const bytes = new Uint8Array([1, 2, 3])
  const fakeFetch = (async (url: string) =>
    url.includes('missing') ? new Response('no', { status: 404 }) : new Response(bytes)) as typeof fetch

  it('names files after their URL, or takes { filename, url } pairs', async () => {
    const files = await fetchSeedFiles(
      ['/fixtures/dicom/CT%20small.dcm?import', { filename: 'scan.png', url: '/assets/scan-4f3a.png' }],
      { fetch: fakeFetch },
    )
    expect(files).toEqual([
      { filename: 'CT small.dcm', bytes },
      { filename: 'scan.png', bytes },
    ])
  })

  it('fails with the URL and status when a file cannot be fetched', async () => {
    await expect(fetchSeedFiles(['/fixtures/missing.dcm'], { fetch: fakeFetch })).rejects.toThrow(
      'fetchSeedFiles: GET /fixtures/missing.dcm answered 404',
    )
  })
})

describe('mimetypeFromFilename', () => {
  it('gives the SDK mimetypes, NIfTI as application/nifti', () => {
    expect(mimetypeFromFilename('a.DCM')).toBe('application/dicom')
    expect(mimetypeFromFilename('brain.nii.gz')).toBe('application/nifti')
    expect(mimetypeFromFilename('brain.nii')).toBe('application/nifti')
    expect(mimetypeFromFilename('x.jpeg')).toBe('image/jpeg')
    expect(mimetypeFromFilename('clip.webm')).toBe('video/webm')
    expect(mimetypeFromFilename('archive.gz')).toBe('application/octet-stream')
  })
})
