// Normalising + validating a 100,000-entity list (target ≥ 500,000 entities/s).
// Input: the nested resources shape {data: [{resources: [...]}], totalCount}, freshly JSON-parsed each round,
// with a third of the numbers and booleans sent as strings (as the server sometimes does) and unknown fields.
// Run: npx tsx bench/normalizeList.bench.ts
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { projectSchema } from '../src/api/models/Project.js'
import { resourceSchema } from '../src/api/models/Resource.js'
import { normalizeList } from '../src/api/normalizeList.js'

// Collect garbage before each timed section so one round's garbage is not charged to the next.
setFlagsFromString('--expose_gc')
const gc = runInNewContext('gc') as () => void

const N = 100_000
const ROUNDS = 12

function resource(i: number): Record<string, unknown> {
  const hex = i.toString(16).padStart(12, '0')
  return {
    id: `1b9f74fe-278e-48a9-82f4-${hex}`,
    resource_uri: `/resources/1b9f74fe-278e-48a9-82f4-${hex}/file`,
    storage: 'DicomResource',
    location: `s3://bucket/${hex}.dcm`,
    upload_channel: 'tmp',
    filename: `image_${i}.dcm`,
    modality: 'CT',
    mimetype: 'application/dicom',
    size: i % 3 === 0 ? String(1000 + i) : 1000 + i,
    upload_mechanism: 'api',
    customer_id: '5c3a6fcf-278e-48a9-82f4-1b9f74fe0000',
    status: 'published',
    created_at: '2025-01-01T00:00:00.000Z',
    created_by: 'someone@example.com',
    published: i % 3 === 0 ? 'true' : true,
    published_on: '2025-01-02T00:00:00.000Z',
    published_by: 'someone@example.com',
    deleted: false,
    deleted_at: null,
    deleted_by: null,
    metadata: { SeriesInstanceUID: `1.2.3.${i}`, InstanceNumber: i },
    source_filepath: `/data/image_${i}.dcm`,
    tags: ['tutorial', 'ct'],
    user_info: { firstname: 'Some', lastname: 'One' },
    projects: [],
    labels: [],
    extra_server_field: i,
  }
}

function project(i: number): Record<string, unknown> {
  const hex = i.toString(16).padStart(12, '0')
  return {
    id: `1b9f74fe-278e-48a9-82f4-${hex}`,
    name: `Project ${i}`,
    description: null,
    created_at: '2025-01-01T00:00:00.000Z',
    created_by: 'someone@example.com',
    dataset_id: `2b9f74fe-278e-48a9-82f4-${hex}`,
    worklist_id: `3b9f74fe-278e-48a9-82f4-${hex}`,
    archived: false,
    resource_count: i % 3 === 0 ? '36' : 36,
    annotated_resource_count: 10,
    most_recent_experiment: null,
    annotators: [{ email: 'a@example.com', worklist_ids: ['w1'] }],
  }
}

function measure(label: string, json: string, key: string, parse: (items: unknown[]) => unknown[]): void {
  const wall: number[] = []
  const cpu: number[] = []
  let withJson = 0
  for (let r = 0; r < ROUNDS; r++) {
    gc()
    const t0 = performance.now()
    const raw = JSON.parse(json)
    gc()
    const t1 = performance.now()
    const c1 = process.cpuUsage()
    const out = parse(normalizeList(raw, key))
    const c2 = process.cpuUsage(c1)
    const t2 = performance.now()
    if (out.length !== N) throw new Error(`expected ${N} entities, got ${out.length}`)
    if (r >= 2) {
      // the first two rounds warm the JIT up
      wall.push(t2 - t1)
      cpu.push((c2.user + c2.system) / 1000)
      withJson += t2 - t0
    }
  }
  const rate = (ms: number) => Math.round((N * 1000) / ms).toLocaleString('en-US')
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]
  console.log(
    `${label}: normalise+validate median ${rate(median(wall))} entities/s, best ${rate(Math.min(...wall))}/s ` +
      `(CPU time: median ${rate(median(cpu))}/s); incl. JSON.parse ${rate(withJson / wall.length)}/s`,
  )
}

const resources = JSON.stringify({
  data: [{ resources: Array.from({ length: N }, (_, i) => resource(i)) }],
  totalCount: 1,
})
const projects = JSON.stringify(Array.from({ length: N }, (_, i) => project(i)))
console.log(`${N.toLocaleString('en-US')} entities per list, ${ROUNDS - 2} measured rounds`)
measure('resources (nested shape, 27 fields)', resources, 'resources', (items) =>
  resourceSchema.parseList(items),
)
measure('projects (bare array, nested annotators)', projects, 'projects', (items) =>
  projectSchema.parseList(items),
)
