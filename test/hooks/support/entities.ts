import { thingId } from './things.js'

/** Minimal valid wire entities for the real API classes' schemas. */
export const project = (i: number, extra: Record<string, unknown> = {}) => ({
  id: thingId(100 + i),
  name: `project ${i}`,
  description: null,
  created_at: '2025-01-01T00:00:00Z',
  created_by: 'a@b.c',
  dataset_id: thingId(900),
  archived: false,
  resource_count: 3,
  ...extra,
})

export const resource = (i: number, extra: Record<string, unknown> = {}) => ({
  id: thingId(200 + i),
  resource_uri: `resources/${i}`,
  storage: 'ImageResource',
  location: `loc/${i}`,
  upload_channel: 'test',
  filename: `image${i}.png`,
  mimetype: 'image/png',
  size: 100,
  status: 'inbox',
  created_at: '2025-01-01T00:00:00Z',
  created_by: 'a@b.c',
  published: false,
  deleted: false,
  ...extra,
})
