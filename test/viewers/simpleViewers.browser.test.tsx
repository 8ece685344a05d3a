import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BytesViewer } from '../../src/viewers/BytesViewer.js'
import { ImageViewer } from '../../src/viewers/ImageViewer.js'
import { JsonViewer } from '../../src/viewers/JsonViewer.js'
import { VideoViewer } from '../../src/viewers/VideoViewer.js'
import { fixtureBytes } from './support/fixtures.js'
import { trackObjectUrls } from './support/objectUrls.js'

afterEach(() => cleanup())

function box(children: React.ReactNode) {
  return <div style={{ width: 400, height: 300 }}>{children}</div>
}

describe('ImageViewer', () => {
  it('shows ct_small.png with the same pixels the browser decodes from the bytes, fit and 1:1', async () => {
    const bytes = await fixtureBytes('ct_small.png')
    render(
      box(<ImageViewer data={{ kind: 'image', mimetype: 'image/png', bytes, width: 128, height: 128 }} />),
    )
    const img = document.querySelector('img') as HTMLImageElement
    await waitFor(() => expect(img.complete && img.naturalWidth).toBe(128))
    expect(screen.getByRole('region', { name: 'Image viewer' }).getAttribute('aria-busy')).toBe('false')
    // The shown image's pixels equal an independent decode of the same bytes.
    const draw = (source: CanvasImageSource) => {
      const c = document.createElement('canvas')
      c.width = 128
      c.height = 128
      const ctx = c.getContext('2d')!
      ctx.drawImage(source, 0, 0)
      return ctx.getImageData(0, 0, 128, 128).data
    }
    const reference = draw(await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>])))
    const shown = draw(img)
    expect(shown).toEqual(reference)
    // A CT slice, not a flat image.
    expect(new Set(shown.filter((_, i) => i % 4 === 0)).size).toBeGreaterThan(5)
    // Fit scales into the 400×(300 - toolbar) box; 1:1 keeps 128 px.
    expect(img.getBoundingClientRect().height).toBeGreaterThan(200)
    fireEvent.click(screen.getByRole('button', { name: '1:1' }))
    expect(img.getBoundingClientRect().width).toBe(128)
    expect(screen.getByRole('button', { name: '1:1' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('says so when the browser cannot decode the image', async () => {
    const bytes = new TextEncoder().encode('not an image at all')
    render(<ImageViewer data={{ kind: 'image', mimetype: 'image/tiff', bytes, width: 0, height: 0 }} />)
    expect((await screen.findByRole('alert')).textContent).toContain(
      'This browser cannot display image/tiff images',
    )
  })
})

describe('VideoViewer', () => {
  for (const [name, mimetype] of [
    ['ct_rotate.webm', 'video/webm'],
    ['ct_rotate.mp4', 'video/mp4'],
  ] as const) {
    it(`plays ${name}`, async () => {
      const bytes = await fixtureBytes(name)
      render(<VideoViewer data={{ kind: 'video', mimetype, bytes }} autoPlay />)
      const video = document.querySelector('video') as HTMLVideoElement
      await waitFor(() => expect(video.currentTime).toBeGreaterThan(0.3), { timeout: 5000 })
      expect(video.readyState).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_CURRENT_DATA)
      expect([video.videoWidth, video.videoHeight]).toEqual([128, 128])
      expect(screen.queryByRole('alert')).toBeNull()
    })
  }

  it('says test1.mp4 (MPEG-4 Part 2) cannot be played here, with a download button', async () => {
    const bytes = await fixtureBytes('test1.mp4')
    render(<VideoViewer data={{ kind: 'video', mimetype: 'video/mp4', bytes }} filename="test1.mp4" />)
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 })
    expect(alert.textContent).toContain('This browser cannot play this video (video/mp4')
    expect(alert.textContent).toContain('codec is not supported')
    // The engine's text is behind Details, not in the sentence.
    expect(alert.querySelector('.dmv-state-text')!.textContent).not.toMatch(/DEMUXER|PipelineStatus/)
    // The button saves the file's own bytes under its name.
    const blobs = vi.spyOn(URL, 'createObjectURL')
    const saved: string[] = []
    const onClick = (e: MouseEvent) => {
      if (!(e.target instanceof HTMLAnchorElement)) return
      saved.push(e.target.download)
      e.preventDefault() // no real download in the test browser
    }
    document.addEventListener('click', onClick, true)
    let blob: Blob
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Download file' }))
      blob = blobs.mock.calls.at(-1)?.[0] as Blob
    } finally {
      document.removeEventListener('click', onClick, true)
      blobs.mockRestore()
    }
    expect(saved).toEqual(['test1.mp4'])
    expect([blob.type, blob.size]).toEqual(['video/mp4', bytes.length])
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes)
  })
})

describe('JsonViewer', () => {
  it('renders keys and values as text, never HTML, and toggles nodes by keyboard', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">'
    render(
      <JsonViewer
        data={{
          kind: 'json',
          mimetype: 'application/json',
          value: { [hostile]: hostile, nested: { deep: [1, null, true] } },
        }}
      />,
    )
    expect(document.querySelector('img')).toBeNull()
    expect(screen.getByText(JSON.stringify(hostile))).toBeTruthy()
    expect(screen.getByText(`${hostile}:`)).toBeTruthy()
    expect(screen.queryByText('deep:')).toBeNull()
    const toggle = screen.getByRole('button', { name: /nested/ })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    toggle.focus()
    await act(async () => {
      toggle.click() // Enter/Space on a focused <button> dispatch click
    })
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(screen.getByText('deep:')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: /deep/ }))
    expect(screen.getByText('null')).toBeTruthy()
    expect(screen.getByText('true')).toBeTruthy()
  })

  it('opens a 25 000-item array in groups so no level lists more than 100 rows', () => {
    const value = Array.from({ length: 25_000 }, (_, i) => i)
    render(<JsonViewer data={{ kind: 'json', mimetype: 'application/json', value }} />)
    const groups = screen.getAllByRole('button', { name: /^\[/ })
    expect(groups.map((g) => g.textContent)).toEqual([
      '▸ [0 … 9999]',
      '▸ [10000 … 19999]',
      '▸ [20000 … 24999]',
    ])
    fireEvent.click(groups[2])
    const inner = screen.getAllByRole('button', { name: /^\[2/ }).filter((b) => b !== groups[2])
    expect(inner).toHaveLength(50)
    fireEvent.click(inner[49])
    expect(screen.getByText('24999:')).toBeTruthy()
    expect(document.querySelectorAll('li').length).toBeLessThan(300)
  })
})

describe('BytesViewer', () => {
  it('renders only the visible lines of 100 MB and reaches the end by keyboard', async () => {
    const bytes = new Uint8Array(100 * 1024 * 1024)
    for (let i = 0; i < 256; i++) bytes[bytes.length - 256 + i] = i
    render(box(<BytesViewer data={{ kind: 'bytes', mimetype: 'application/octet-stream', bytes }} />))
    const dump = screen.getByRole('document', { name: /Hex dump/ })
    await waitFor(() => expect(dump.querySelectorAll('[data-offset]').length).toBeGreaterThan(5))
    expect(dump.querySelectorAll('[data-offset]').length).toBeLessThan(40)
    dump.focus()
    fireEvent.keyDown(dump, { key: 'End' })
    await waitFor(() => expect(dump.textContent).toContain('063ffff0'))
    const last = dump.querySelector('[data-offset="104857584"]') as HTMLElement
    expect(last.textContent).toBe(
      '063ffff0  f0 f1 f2 f3 f4 f5 f6 f7  f8 f9 fa fb fc fd fe ff  ................',
    )
    const line = dump.querySelector('[data-offset="104857552"]') as HTMLElement
    expect(line.textContent).toContain('d0 d1') // 0x063fffd0 holds byte 0xd0
    fireEvent.keyDown(dump, { key: 'Home' })
    await waitFor(() => expect(dump.querySelector('[data-offset="0"]')).not.toBeNull())
  })

  it('shows printable ASCII as text and jumps to an offset', async () => {
    const bytes = new TextEncoder().encode(`<b>bold</b>${'x'.repeat(5000)}END!`)
    render(box(<BytesViewer data={{ bytes }} />))
    const dump = screen.getByRole('document', { name: /Hex dump/ })
    await waitFor(() => expect(dump.textContent).toContain('<b>bold</b>xxxxx'))
    expect(document.querySelector('b')).toBeNull()
    fireEvent.change(screen.getByRole('textbox', { name: 'Go to offset' }), { target: { value: '0x1390' } })
    fireEvent.click(screen.getByRole('button', { name: 'Go' }))
    await waitFor(() => expect(dump.textContent).toContain('END!'))
    fireEvent.change(screen.getByRole('textbox', { name: 'Go to offset' }), { target: { value: '999999' } })
    fireEvent.click(screen.getByRole('button', { name: 'Go' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Enter an offset from 0 to 5014')
  })
})

describe('object URLs', () => {
  it('100 mount/unmount cycles of the image and video viewers leave none alive', async () => {
    const urls = trackObjectUrls()
    try {
      const png = await fixtureBytes('ct_small.png')
      const webm = await fixtureBytes('ct_rotate.webm')
      for (let i = 0; i < 100; i++) {
        const { unmount } = render(
          <>
            <ImageViewer
              data={{ kind: 'image', mimetype: 'image/png', bytes: png, width: 128, height: 128 }}
            />
            <VideoViewer data={{ kind: 'video', mimetype: 'video/webm', bytes: webm }} />
          </>,
        )
        await act(async () => {})
        unmount()
      }
      expect(urls.created()).toBeGreaterThanOrEqual(200)
      expect(urls.live()).toBe(0)
      // The bytes viewer's download link revokes its URL right after the click.
      const clicks: string[] = []
      const onClick = (e: MouseEvent) => {
        const a = e.target as HTMLAnchorElement
        clicks.push(a.download)
        e.preventDefault() // no real download in the test browser
      }
      document.addEventListener('click', onClick, true)
      render(<BytesViewer data={{ bytes: png }} filename="scan.png" />)
      fireEvent.click(screen.getByRole('button', { name: 'Download' }))
      document.removeEventListener('click', onClick, true)
      expect(clicks).toContain('scan.png')
      await waitFor(() => expect(urls.live()).toBe(0))
      expect(urls.created()).toBeGreaterThanOrEqual(201)
    } finally {
      urls.restore()
    }
  })
})
