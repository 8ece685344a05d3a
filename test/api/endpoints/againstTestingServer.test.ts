import { describe, expect, it } from 'vitest'
import { DatamintApi } from '../../../src/api/endpoints/DatamintApi.js'
import { startDatamintServer } from '../../testing/harness.js'
import { fixture } from './wire.js'

// The concrete APIs against the in-memory server of `datamint-react/testing`: every entity it serves fits our
// schemas, and the main flows work end to end.
const { datamint } = startDatamintServer()
const api = () =>
  new DatamintApi({ serverUrl: datamint.baseUrl, apiKey: datamint.apiKey ?? undefined, maxRetries: 0 })

describe('DatamintApi against the in-memory server', () => {
  it('lists and reads every entity type through the schemas', async () => {
    const a = api()
    const projects = await a.projects.getAll()
    const resources = await a.resources.getAll()
    expect(projects.length).toBeGreaterThan(0)
    expect(resources.length).toBeGreaterThan(0)
    expect(typeof resources[0].size).toBe('number')
    expect((await a.projects.getById(projects[0].id)).id).toBe(projects[0].id)
    expect(Array.isArray(await a.projects.getProjectResources(projects[0]))).toBe(true)
    const annotations = await a.annotations.getList({ resource: resources.map((r) => r.id) })
    expect(annotations.length).toBeGreaterThan(0)
    expect(typeof annotations[0].annotation_type).toBe('string')
    const users = await a.users.getAll()
    expect(users.length).toBeGreaterThan(0)
    expect((await a.users.getById(users[0].email)).email).toBe(users[0].email)
    expect((await a.datasets.getAll()).length).toBeGreaterThan(0)
    expect((await a.channels.getAll()).length).toBeGreaterThan(0)
  })

  it('uploads, downloads converted, filters, publishes and deletes a resource', async () => {
    const a = api()
    const bytes = fixture('dicom/CT_small.dcm')
    const created = await a.resources.create({
      file: bytes,
      filename: 'CT_small.dcm',
      channel: 'wire-test',
      tags: ['t1'],
    })
    expect(created.filename).toBe('CT_small.dcm')
    const data = await a.resources.downloadResourceFile(created.id)
    expect(data.kind).toBe('dicom')
    const inChannel = await a.resources.getList({ channel: 'wire-test' })
    expect(inChannel.map((r) => r.id)).toContain(created.id)
    await a.resources.publish(created)
    expect((await a.resources.getById(created.id)).status).toBe('published')
    await a.resources.bulkDelete([created])
  })
})
