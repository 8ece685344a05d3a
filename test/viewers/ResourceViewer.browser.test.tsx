import { QueryClient } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { DatamintApi } from '../../src/api/endpoints/DatamintApi.js'
import { FormatError } from '../../src/api/errors.js'
import type { ConvertedData } from '../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../src/api/format/convertFormat.js'
import { DatamintProvider } from '../../src/hooks/DatamintProvider.js'
import { formatBytes, ResourceFileViewer } from '../../src/viewers/ResourceFileViewer.js'
import { ResourceViewer } from '../../src/viewers/ResourceViewer.js'
import { fixtureBytes } from './support/fixtures.js'

afterEach(() => cleanup())

describe('ResourceViewer', () => {
  it('picks the viewer by kind', async () => {
    const cases: Array<[ConvertedData | Uint8Array, RegExp]> = [
      [convertFormat(await fixtureBytes('MR_small.dcm')), /^DICOM viewer$/],
      [convertFormat(await fixtureBytes('example4d.nii.gz')), /^NIfTI viewer$/],
      [convertFormat(await fixtureBytes('mr_small.jpg')), /^Image viewer$/],
      [convertFormat(await fixtureBytes('ct_rotate.webm')), /^Video viewer$/],
      [{ kind: 'json', mimetype: 'application/json', value: { a: 1 } }, /^JSON viewer$/],
      [{ kind: 'bytes', mimetype: 'application/octet-stream', bytes: Uint8Array.of(1, 2) }, /^Bytes viewer$/],
      [Uint8Array.of(1, 2, 3), /^Bytes viewer$/],
    ]
    for (const [data, name] of cases) {
      const { unmount } = render(
        <div style={{ width: 300, height: 300 }}>
          <ResourceViewer data={data} />
        </div>,
      )
      expect(screen.getAllByRole('region', { name })).toHaveLength(1)
      unmount()
    }
    render(<ResourceViewer data={{ kind: 'spreadsheet' } as unknown as ConvertedData} />)
    expect(screen.getByRole('alert').textContent).toContain('No viewer for data of kind "spreadsheet"')
  })
})

type Download = (
  id: string,
  options: {
    onProgress?: (p: { fraction?: number; transferredBytes: number; totalBytes?: number }) => void
    signal?: AbortSignal
    autoConvert?: boolean
  },
) => Promise<unknown>

/** A DatamintApi stand-in whose downloads the test scripts (no network). */
function fakeApi(download: Download): DatamintApi {
  return {
    resources: {
      config: { serverUrl: 'https://datamint.test' },
      endpointBase: 'resources',
      downloadResourceFile: download,
    },
  } as unknown as DatamintApi
}

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('ResourceFileViewer', () => {
  it('shows download progress in bytes, then the viewer for the converted file', async () => {
    const ct = convertFormat(await fixtureBytes('CT_small.dcm'))
    const done = deferred<unknown>()
    const calls: string[] = []
    const api = fakeApi(async (id, { onProgress }) => {
      calls.push(id)
      onProgress?.({ fraction: 0.5, transferredBytes: 19_000, totalBytes: 38_000 })
      return done.promise
    })
    render(
      <DatamintProvider api={api} queryClient={new QueryClient()}>
        <div style={{ width: 200, height: 200 }}>
          <ResourceFileViewer resourceId="res-1" />
        </div>
      </DatamintProvider>,
    )
    const bar = await screen.findByRole('progressbar', { name: 'Download progress' })
    await waitFor(() => expect((bar as HTMLProgressElement).value).toBe(0.5))
    expect(screen.getByRole('status').textContent).toContain('Downloading… 19 kB of 38 kB')
    expect(calls).toEqual(['res-1'])
    done.resolve(ct)
    const viewer = await screen.findByRole('region', { name: 'DICOM viewer' }, { timeout: 10_000 })
    // The converted CT's one frame is painted (the overlay only shows once it is), and the progress is gone.
    await waitFor(
      () => expect(viewer.querySelector('[data-viewer-overlay]')?.textContent).toContain('Zoom'),
      {
        timeout: 10_000,
      },
    )
    expect(screen.queryByRole('progressbar')).toBeNull()
  })

  it('Cancel aborts the download and offers it again', async () => {
    const signals: AbortSignal[] = []
    const api = fakeApi(
      (_id, { onProgress, signal }) =>
        new Promise((_resolve, reject) => {
          signals.push(signal!)
          onProgress?.({ fraction: 0.25, transferredBytes: 1000, totalBytes: 4000 })
          signal!.addEventListener('abort', () => reject(signal!.reason))
        }),
    )
    render(
      <DatamintProvider api={api} queryClient={new QueryClient()}>
        <ResourceFileViewer resourceId="res-c" />
      </DatamintProvider>,
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(signals[0].aborted).toBe(true))
    expect((await screen.findByRole('alert')).textContent).toContain('Download cancelled')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(signals).toHaveLength(2))
    expect(await screen.findByRole('progressbar', { name: 'Download progress' })).toBeTruthy()
  })

  it('a file that cannot be converted: plain words, details, and the raw file to download', async () => {
    const raw = new Uint8Array([1, 2, 3, 4])
    const asked: Array<boolean | undefined> = []
    const api = fakeApi(async (_id, { autoConvert }) => {
      asked.push(autoConvert)
      if (autoConvert === false) return raw
      throw new FormatError('DICOM: truncated at byte 132 while reading element (0002,0000)', {
        reason: 'corrupt',
      })
    })
    render(
      <DatamintProvider api={api} queryClient={new QueryClient()}>
        <ResourceFileViewer resourceId="res-f" filename="scan.dcm" />
      </DatamintProvider>,
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The file is damaged')
    expect(alert.querySelector('pre')!.textContent).toBe(
      'FormatError: DICOM: truncated at byte 132 while reading element (0002,0000)',
    )
    const saved: string[] = []
    const onClick = (e: MouseEvent) => {
      if (!(e.target instanceof HTMLAnchorElement)) return
      saved.push(e.target.download)
      e.preventDefault() // no real download in the test browser
    }
    document.addEventListener('click', onClick, true)
    try {
      fireEvent.click(within(alert).getByRole('button', { name: 'Download file' }))
      await waitFor(() => expect(saved).toEqual(['scan.dcm']))
    } finally {
      document.removeEventListener('click', onClick, true)
    }
    expect(asked).toEqual([true, false])
  })

  it('shows the error message and retries', async () => {
    let attempt = 0
    const api = fakeApi(async () => {
      attempt++
      if (attempt === 1) throw new Error('GET resources/res-2/file: server error 503; try again later')
      return { kind: 'json', mimetype: 'application/json', value: { ok: true } }
    })
    render(
      <DatamintProvider api={api} queryClient={new QueryClient()}>
        <ResourceFileViewer resourceId="res-2" />
      </DatamintProvider>,
    )
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText('The file could not be loaded')).toBeTruthy()
    expect(
      within(alert).getByText('GET resources/res-2/file: server error 503; try again later'),
    ).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('region', { name: 'JSON viewer' })).toBeTruthy()
    expect(screen.getByText('true')).toBeTruthy()
    expect(attempt).toBe(2)
  })

  it('formats byte counts', () => {
    expect([0, 999, 1000, 19_000, 1_234_567, 5e9].map(formatBytes)).toEqual([
      '0 B',
      '999 B',
      '1.0 kB',
      '19 kB',
      '1.2 MB',
      '5.0 GB',
    ])
  })
})
