import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/api/errors.js'
import { annotationSchema } from '../../src/api/models/Annotation.js'
import { channelSchema } from '../../src/api/models/Channel.js'
import { projectSchema } from '../../src/api/models/Project.js'
import { resourceSchema } from '../../src/api/models/Resource.js'
import { userSchema } from '../../src/api/models/User.js'
import { field, objectSchema } from '../../src/api/schema.js'

const project = {
  id: '1b9f74fe-278e-48a9-82f4-5c3a6fcf2c50',
  name: 'Liver review',
  description: null,
  created_at: '2025-01-01T00:00:00Z',
  created_by: 'a@example.com',
  dataset_id: '2b9f74fe-278e-48a9-82f4-5c3a6fcf2c50',
  archived: false,
  resource_count: 36,
}

function catchError(fn: () => unknown): ValidationError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ValidationError) return e
    throw e
  }
  throw new Error('expected a ValidationError')
}

describe('objectSchema', () => {
  const thing = objectSchema<{
    id: string
    count: number
    ok: boolean
    tags?: string[]
    note?: string | null
    meta?: Record<string, unknown>
    list?: unknown[]
    any?: unknown
  }>('thing', {
    id: field.string(),
    count: field.number(),
    ok: field.boolean(),
    tags: field.stringArray().optional(),
    note: field.string().nullable().optional(),
    meta: field.object().optional(),
    list: field.array().optional(),
    any: field.unknown(),
  })

  it('keeps unknown fields', () => {
    const out = thing.parse({ id: 'a', count: 1, ok: true, extra: { deep: [1] }, other: 'x' })
    expect(out).toEqual({ id: 'a', count: 1, ok: true, extra: { deep: [1] }, other: 'x' })
  })

  it('coerces numeric strings and "true"/"false", without modifying the input', () => {
    const input = { id: 'a', count: '36', ok: 'false' }
    const out = thing.parse(input)
    expect(out).toEqual({ id: 'a', count: 36, ok: false })
    expect(input).toEqual({ id: 'a', count: '36', ok: 'false' })
    expect(thing.parse({ id: 'a', count: '-1.5e3', ok: 'true' })).toMatchObject({ count: -1500, ok: true })
  })

  it('returns the same object when nothing had to change', () => {
    const input = { id: 'a', count: 2, ok: true }
    expect(thing.parse(input)).toBe(input)
  })

  it('accepts missing optional fields and null for nullable ones', () => {
    expect(thing.parse({ id: 'a', count: 0, ok: false, note: null })).toEqual({
      id: 'a',
      count: 0,
      ok: false,
      note: null,
    })
  })

  it.each([
    [{ count: 1, ok: true }, 'thing.id', 'should be a string but is missing'],
    [{ id: 5, count: 1, ok: true }, 'thing.id', 'should be a string but is 5.'],
    [
      { id: 'a', count: 'abc', ok: true },
      'thing.count',
      'should be a number (or a numeric string) but is "abc"',
    ],
    [{ id: 'a', count: '', ok: true }, 'thing.count', 'but is ""'],
    [{ id: 'a', count: ' ', ok: true }, 'thing.count', 'but is " "'],
    [{ id: 'a', count: null, ok: true }, 'thing.count', 'but is null'],
    [{ id: 'a', count: 1, ok: 'yes' }, 'thing.ok', 'should be a boolean'],
    [{ id: 'a', count: 1, ok: 1 }, 'thing.ok', 'should be a boolean'],
    [{ id: 'a', count: 1, ok: true, tags: ['x', 2] }, 'thing.tags[1]', 'should be a string but is 2.'],
    [{ id: 'a', count: 1, ok: true, tags: 'x' }, 'thing.tags', 'should be an array but is "x"'],
    [{ id: 'a', count: 1, ok: true, note: 3 }, 'thing.note', 'should be a string'],
    [{ id: 'a', count: 1, ok: true, meta: [] }, 'thing.meta', 'should be an object but is [].'],
    [{ id: 'a', count: 1, ok: true, list: {} }, 'thing.list', 'should be an array but is {}.'],
  ])('rejects a misfit %j naming the field', (input, field, text) => {
    const e = catchError(() => thing.parse(input))
    expect(e.field).toBe(field)
    expect(e.message).toContain(`"${field}"`)
    expect(e.message).toContain(text)
  })

  it('shows a long misfit value shortened, and says what to do', () => {
    const e = catchError(() => thing.parse({ id: 'a', count: 'x'.repeat(500), ok: true }))
    expect(e.message).toContain(`but is "${'x'.repeat(39)}…`)
    expect(e.message).not.toContain('x'.repeat(60))
    expect(e.message).toContain('Update datamint-react, or report this with the response body')
  })

  it('rejects a non-object', () => {
    for (const bad of [null, 'x', 3, [1]]) {
      const e = catchError(() => thing.parse(bad))
      expect(e.field).toBe('thing')
      expect(e.message).toContain('should be an object')
    }
  })

  it('names the item index in lists', () => {
    const items = Array.from({ length: 20 }, (_, i) => ({ id: `i${i}`, count: i, ok: true }))
    items[12] = { id: 12 as unknown as string, count: 1, ok: true }
    const e = catchError(() => thing.parseList(items))
    expect(e.field).toBe('[12].id')
    expect(e.message).toContain('"[12].id" should be a string but is 12.')
    expect(catchError(() => thing.parseList([null])).field).toBe('[0]')
  })

  it('checks list items whose keys come in another order than the first item, as parse does', () => {
    const first = { id: 'a', count: '1', ok: 'true', extra: 1 }
    const items: unknown[] = [
      first,
      { ok: true, count: 2, id: 'b' },
      { id: 'c', count: 3, ok: false, tags: ['t'], more: null },
      { id: 'd', count: '4', ok: true, note: null },
    ]
    const before = JSON.stringify(items)
    const out = thing.parseList(items)
    expect(out).toEqual(items.map((item) => thing.parse(item)))
    expect(out[0]).toEqual({ id: 'a', count: 1, ok: true, extra: 1 })
    expect(out[1]).toBe(items[1])
    expect(JSON.stringify(items)).toBe(before)
    // same key order as the first item, but a required field missing or two misfits: reported in schema order
    expect(catchError(() => thing.parseList([first, { id: 'e', count: 5, okk: true }])).field).toBe('[1].ok')
    const twoBad = { id: 'f', count: 'x', ok: 'yes', extra: 2 }
    expect(catchError(() => thing.parseList([first, twoBad])).field).toBe('[1].count')
    expect(catchError(() => thing.parseList([first, { ...first, tags: ['a', 7] }])).field).toBe('[1].tags[1]')
  })

  it('coerces inside nested arrays copy-on-write, leaving the input as it was', () => {
    const part = objectSchema<{ n: number }>('part', { n: field.number() })
    const whole = objectSchema<{ parts: { n: number }[] }>('whole', { parts: field.arrayOf(part) })
    const input = { parts: [{ n: 1 }, { n: '2' }] }
    const out = whole.parse(input)
    expect(out).toEqual({ parts: [{ n: 1 }, { n: 2 }] })
    expect(out.parts[0]).toBe(input.parts[0])
    expect(input).toEqual({ parts: [{ n: 1 }, { n: '2' }] })
    expect(catchError(() => whole.parse({ parts: [{ n: 1 }, { n: 'x' }] })).field).toBe('whole.parts[1].n')
  })

  it('copies wire aliases to the field name and keeps the wire field', () => {
    const raw = { id: 'x', name: 'tumor', type: 'label', added_by: 'a@b.c', index: '3' }
    expect(annotationSchema.parse(raw)).toEqual({
      ...raw,
      identifier: 'tumor',
      annotation_type: 'label',
      created_by: 'a@b.c',
      frame_index: 3,
    })
    const both = { id: 'x', identifier: 'kept', name: 'ignored', annotation_type: 'label' }
    expect(annotationSchema.parse(both).identifier).toBe('kept')
  })
})

describe('entity schemas', () => {
  it('Project: coerces counts sent as strings and keeps unknown fields', () => {
    const out = projectSchema.parse({
      ...project,
      resource_count: '36',
      annotated_resource_count: '4',
      future: 1,
    })
    expect(out.resource_count).toBe(36)
    expect(out.annotated_resource_count).toBe(4)
    expect((out as unknown as { future: number }).future).toBe(1)
  })

  it('Project: names the field of a misfit, e.g. project.resource_count', () => {
    const e = catchError(() => projectSchema.parse({ ...project, resource_count: 'many' }))
    expect(e).toBeInstanceOf(ValidationError)
    expect(e.field).toBe('project.resource_count')
  })

  it('Project: nested annotators are checked with their path', () => {
    const ok = projectSchema.parse({ ...project, annotators: [{ email: 'a@b.c', worklist_ids: ['w'] }] })
    expect(ok.annotators).toEqual([{ email: 'a@b.c', worklist_ids: ['w'] }])
    const e = catchError(() =>
      projectSchema.parseList([project, { ...project, annotators: [{ email: 'a@b.c' }, { email: 7 }] }]),
    )
    expect(e.field).toBe('[1].annotators[1].email')
    expect(e.message).toContain('"[1].annotators[1].email" should be a string but is 7.')
  })

  it('Channel: nested resource_data is coerced copy-on-write', () => {
    const item = {
      created_by: 'a@b.c',
      customer_id: 'c',
      resource_id: 'r',
      resource_file_name: 'x.dcm',
      resource_mimetype: 'application/dicom',
    }
    const raw = { channel_name: null, resource_data: [item], resource_count: '1', deleted: 'false' }
    const out = channelSchema.parse(raw)
    expect(out).toEqual({ ...raw, resource_count: 1, deleted: false })
    expect(out.resource_data).toBe(raw.resource_data)
    const e = catchError(() =>
      channelSchema.parse({ channel_name: 'c', resource_data: [{ ...item, resource_id: null }] }),
    )
    expect(e.field).toBe('channel.resource_data[0].resource_id')
  })

  it('Resource and User: a realistic server payload fits', () => {
    const resource = resourceSchema.parse({
      id: '1b9f74fe-278e-48a9-82f4-5c3a6fcf2c50',
      resource_uri: '/resources/x/file',
      storage: 'DicomResource',
      location: 'x',
      upload_channel: 'tmp',
      filename: 'a.dcm',
      modality: null,
      mimetype: 'application/dicom',
      size: '1024',
      status: 'inbox',
      created_at: '2025-01-01',
      created_by: 'a@b.c',
      published: false,
      deleted: 'false',
      metadata: {},
      tags: ['x'],
      projects: [{ id: 'p' }],
    })
    expect(resource.size).toBe(1024)
    expect(resource.deleted).toBe(false)
    const user = userSchema.parse({
      email: 'a@b.c',
      firstname: null,
      lastname: 'L',
      roles: ['admin'],
      customer_id: 'c',
      created_at: 'now',
    })
    expect(user.roles).toEqual(['admin'])
    expect(catchError(() => userSchema.parse({ ...user, roles: 'admin' })).field).toBe('user.roles')
  })
})

describe('numeric strings: decimal only (as pydantic)', () => {
  const n = objectSchema<{ v: number }>('n', { v: field.number() })
  it.each([
    ['36', 36],
    ['-1.5', -1.5],
    ['0', 0],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
  ])('%j → %s', (input, output) => {
    expect(n.parse({ v: input }).v).toBe(output)
  })
  it.each([
    '0x10',
    '0b11',
    '0o7',
    ' 1',
    '1 ',
    '+1',
    '1_000',
    'Infinity',
    'NaN',
    '',
    '.5',
    '1.',
    '1e999',
    '١٢',
  ])('%j is refused', (input) => {
    const e = catchError(() => n.parse({ v: input }))
    expect(e.field).toBe('n.v')
    expect(e.source).toBe('response')
  })
})
