import { describe, expect, it } from 'vitest'
import { SEED_USERS } from '../../src/testing/index.js'
import { startDatamintServer } from './harness.js'

const { call, datamint } = startDatamintServer()
const MISSING = '00000000-0000-4000-8000-000000000000'

describe('users', () => {
  it('GET /users answers a bare array, paged', async () => {
    const all = await call('GET', '/users')
    expect(Array.isArray(all.body)).toBe(true)
    expect(all.body.map((u: { email: string }) => u.email)).toEqual(SEED_USERS.map((u) => u.email))
    expect(all.body[0]).toEqual({
      ...SEED_USERS[0],
      customer_id: datamint.db.customerId,
      created_at: expect.any(String),
      // Project members and worklist annotators name users by this UUID.
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
    const page = await call('GET', '/users', { query: { offset: 1, limit: 2 } })
    expect(page.body).toEqual(all.body.slice(1, 3))
  })

  it('GET /users/:email finds a user by e-mail in any case, 404 otherwise', async () => {
    const answer = await call('GET', `/users/${encodeURIComponent('Annotator@Datamint.test')}`)
    expect(answer.body.email).toBe('annotator@datamint.test')
    const missing = await call('GET', '/users/nobody@datamint.test')
    expect(missing.status).toBe(404)
    expect(missing.body.message).toBe('User not found: nobody@datamint.test')
  })

  it('POST /users creates (201), 409s a taken e-mail with the user in the body, 422s a bad one', async () => {
    const body = {
      email: 'new@datamint.test',
      password: 's3cret',
      firstname: 'New',
      lastname: 'User',
      roles: ['x'],
    }
    const created = await call('POST', '/users', { json: body })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ email: 'new@datamint.test', firstname: 'New', roles: ['x'] })
    expect(created.body).not.toHaveProperty('password')
    expect((await call('GET', '/users/new@datamint.test')).body).toEqual(created.body)
    const again = await call('POST', '/users', { json: { ...body, email: 'NEW@datamint.test' } })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ id: 'new@datamint.test', entity: created.body })
    expect((await call('POST', '/users', { json: { email: 'not-an-email' } })).status).toBe(422)
    expect((await call('POST', '/users', { json: { email: 'a@b.co', roles: 'admin' } })).status).toBe(422)
  })
})

describe('datasets', () => {
  it('lists, reads and lists the resources of a dataset', async () => {
    const list = await call('GET', '/datasets')
    expect(list.body.totalCount).toBe('2')
    const [dicom] = list.body.data
    expect(dicom).toMatchObject({ name: 'Public DICOM samples', total_resource: dicom.resource_ids.length })
    expect((await call('GET', `/datasets/${dicom.id}`)).body).toEqual(dicom)
    const resources = await call('GET', `/datasets/${dicom.id}/resources`)
    expect(resources.body.map((r: { id: string }) => r.id)).toEqual(dicom.resource_ids)
    expect(resources.body.every((r: { mimetype: string }) => r.mimetype === 'application/dicom')).toBe(true)
  })

  it('soft-deletes a dataset, then 404', async () => {
    const [first] = (await call('GET', '/datasets')).body.data
    expect((await call('DELETE', `/datasets/${first.id}`)).status).toBe(200)
    expect(datamint.db.datasets.get(first.id)?.deleted).toBe(true)
    expect((await call('GET', `/datasets/${first.id}`)).status).toBe(404)
    expect((await call('GET', '/datasets')).body.totalCount).toBe('1')
    expect((await call('GET', `/datasets/${MISSING}`)).status).toBe(404)
    expect((await call('DELETE', '/datasets/xyz')).status).toBe(422)
  })
})
