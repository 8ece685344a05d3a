import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { DicomData } from '../../src/api/index.js'
import {
  useAnnotations,
  useDatamintApi,
  useResourceFile,
  useResources,
  useUploadSegmentations,
} from '../../src/hooks/index.js'
import { DicomViewer } from '../../src/viewers/index.js'
import { ErrorMessage } from './ErrorMessage.js'

const SIZE = 128
const COLORS = ['transparent', 'rgba(255, 60, 60, 0.6)', 'rgba(60, 160, 255, 0.6)']
const RGBA = [
  [0, 0, 0, 0],
  [255, 60, 60, 160],
  [60, 160, 255, 160],
]

/** Paints a disc of `label` into the mask. */
function paint(mask: Uint8Array, cx: number, cy: number, r: number, label: number): Uint8Array {
  const out = mask.slice()
  for (let y = Math.max(0, cy - r); y < Math.min(SIZE, cy + r + 1); y++)
    for (let x = Math.max(0, cx - r); x < Math.min(SIZE, cx + r + 1); x++)
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) out[y * SIZE + x] = label
  return out
}

/**
 * Draw a mask over frame 0 of the CT_small resource (click or drag to paint the chosen label, or load an
 * example), name the labels, and upload it with `useUploadSegmentations()`: one segmentation per label
 * appears in the resource's annotation list and over the image.
 *
 * @example
 * const upload = useUploadSegmentations()
 * upload.mutate({ resource: id, mask: { width: 128, height: 128, data: labels }, name: { 1: 'liver', 2: 'tumor' }, frameIndex: 0 })
 */
export function SegmentAndUpload() {
  const api = useDatamintApi()
  const resources = useResources().useList({ filename: 'CT_small.dcm' })
  const resource = resources.data?.find((r) => r.filename === 'CT_small.dcm')
  const file = useResourceFile(resource?.id)
  const segmentations = useAnnotations().useList(
    resource ? { resource: resource.id, annotationType: 'segmentation' } : undefined,
    { enabled: !!resource },
  )
  // The viewer draws segmentations from their files.
  const withFiles = useQuery({
    queryKey: ['segment-story-files', segmentations.data?.map((a) => a.id)],
    enabled: !!segmentations.data,
    queryFn: () =>
      Promise.all(
        (segmentations.data ?? []).map(async (a) => ({
          ...a,
          fileBytes: await api.annotations.downloadFile(a),
        })),
      ),
  })
  const upload = useUploadSegmentations()
  const [mask, setMask] = useState<Uint8Array>(() => new Uint8Array(SIZE * SIZE))
  const [label, setLabel] = useState(1)
  const [names, setNames] = useState({ 1: 'liver', 2: 'tumor' })
  const drawing = useRef(false)
  const editor = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const context = editor.current?.getContext('2d')
    if (!context) return
    const image = context.createImageData(SIZE, SIZE)
    for (let i = 0; i < mask.length; i++) image.data.set(RGBA[mask[i]] ?? RGBA[0], i * 4)
    context.putImageData(image, 0, 0)
  }, [mask])
  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect()
    return [
      Math.floor(((e.clientX - box.left) / box.width) * SIZE),
      Math.floor(((e.clientY - box.top) / box.height) * SIZE),
    ] as const
  }
  const used = [...new Set(mask)].filter((v) => v !== 0)
  return (
    <section
      aria-label="Segment and upload"
      style={{ fontFamily: 'system-ui, sans-serif', display: 'grid', gap: 8 }}
    >
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <div style={{ position: 'relative', width: 384, height: 384 }}>
          {file.data?.kind === 'dicom' && (
            <DicomViewer
              data={file.data as DicomData}
              annotations={withFiles.data}
              label="CT with segmentations"
              style={{ position: 'absolute', inset: 0 }}
            />
          )}
        </div>
        <canvas
          ref={editor}
          role="img"
          aria-label="Mask editor"
          width={SIZE}
          height={SIZE}
          style={{ width: 256, height: 256, background: '#111', touchAction: 'none', cursor: 'crosshair' }}
          onPointerDown={(e) => {
            drawing.current = true
            const [x, y] = at(e)
            setMask((m) => paint(m, x, y, 6, label))
          }}
          onPointerMove={(e) => {
            if (!drawing.current) return
            const [x, y] = at(e)
            setMask((m) => paint(m, x, y, 6, label))
          }}
          onPointerUp={() => {
            drawing.current = false
          }}
        />
      </div>
      <fieldset style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <legend>Labels</legend>
        {([1, 2] as const).map((value) => (
          <label key={value} style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
            <input type="radio" name="label" checked={label === value} onChange={() => setLabel(value)} />
            <span style={{ width: 12, height: 12, background: COLORS[value] }} />
            <input
              aria-label={`Name of label ${value}`}
              value={names[value]}
              onChange={(e) => setNames((n) => ({ ...n, [value]: e.target.value }))}
            />
          </label>
        ))}
        <button type="button" onClick={() => setMask((m) => paint(paint(m, 64, 60, 22, 1), 72, 70, 8, 2))}>
          Load example mask
        </button>
        <button type="button" onClick={() => setMask(new Uint8Array(SIZE * SIZE))}>
          Clear
        </button>
        <button
          type="button"
          disabled={!resource || used.length === 0 || upload.isPending}
          onClick={() =>
            resource &&
            upload.mutate({
              resource: resource.id,
              mask: { width: SIZE, height: SIZE, data: mask },
              name: names,
              frameIndex: 0,
            })
          }
        >
          Upload segmentation
        </button>
      </fieldset>
      {upload.isError && <ErrorMessage error={upload.error} />}
      {upload.isSuccess && (
        <p role="status" aria-label="Upload result">
          Uploaded {upload.data.length} segmentation(s)
        </p>
      )}
      <ul aria-label="Segmentations of CT_small">
        {segmentations.data?.map((a) => (
          <li key={a.id}>
            {a.identifier} (frame {a.frame_index ?? 'all'})
          </li>
        ))}
      </ul>
    </section>
  )
}
