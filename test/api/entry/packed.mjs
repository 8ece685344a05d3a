// The React-free entry as a user gets it: `npm pack` (its prepack builds), install the tarball into an empty
// folder with no React, and run a Node script that imports `datamint-react/api`, builds a DatamintApi and talks
// to a loopback node:http server. Run by .ci/run; `node test/api/entry/packed.mjs [path/to/datamint-react.tgz]`
// reuses a tarball instead of packing. Needs the npm registry (or npm's cache) for the package's dependencies.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../../..')
const work = mkdtempSync(join(tmpdir(), 'datamint-api-entry-'))
const npm = (args, cwd) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
const started = performance.now()
const lap = (what) => console.log(`  ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`)

try {
  let tarball = process.argv[2] && resolve(process.argv[2])
  if (!tarball) {
    const name = npm(['pack', '--pack-destination', work, '--silent'], root).trim().split('\n').pop()
    tarball = join(work, name)
    lap(`packed ${name}`)
  }
  const app = join(work, 'app')
  execFileSync('mkdir', [app])
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'api-entry-check', private: true, type: 'module' }),
  )
  npm(['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app)
  lap('installed the tarball')
  for (const peer of ['react', 'react-dom', '@tanstack/react-query', '@tanstack/query-core']) {
    if (existsSync(join(app, 'node_modules', peer)))
      throw new Error(`${peer} was installed: the peer must be optional`)
  }

  writeFileSync(
    join(app, 'check.mjs'),
    `import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { DatamintApi, ItemNotFoundError, isDatamintError, convertFormat } from 'datamint-react/api'

const project = {
  id: '1b9f74fe-278e-48a9-82f4-5c3a6fcf2c50', name: 'Liver', description: null, created_at: '2025-01-01T00:00:00Z',
  created_by: 'a@example.com', dataset_id: '2b9f74fe-278e-48a9-82f4-5c3a6fcf2c50', archived: false, resource_count: '36',
}
const seen = []
const server = createServer((req, res) => {
  seen.push({ url: req.url, apikey: req.headers.apikey })
  const json = (status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)) }
  if (req.url.startsWith('/projects?')) return json(200, { data: [project], totalCount: 1 })
  json(404, { message: 'Project not found' })
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const api = new DatamintApi({ serverUrl: 'http://127.0.0.1:' + server.address().port, apiKey: 'node-script-key-123' })
try {
  const projects = await api.projects.getAll()
  assert.equal(projects.length, 1)
  assert.equal(projects[0].resource_count, 36)
  const missing = await api.projects.getById('3b9f74fe-278e-48a9-82f4-5c3a6fcf2c50').catch((e) => e)
  assert.ok(missing instanceof ItemNotFoundError && isDatamintError(missing), String(missing))
  assert.equal(convertFormat(new TextEncoder().encode('{"a":1}'), 'application/json').kind, 'json')
  assert.ok(seen.every((r) => r.apikey === 'node-script-key-123'))
  let rootError
  try { await import('datamint-react') } catch (e) { rootError = e }
  assert.ok(rootError, 'the root entry needs React and should fail to load without it')
  assert.match(String(rootError.message), /react/i)
  console.log('  datamint-react/api in Node without React: ' + seen.length + ' requests ok; the root entry says: ' +
    rootError.message.split('\\n')[0])
} finally {
  server.close()
}
`,
  )
  execFileSync(process.execPath, ['check.mjs'], { cwd: app, stdio: 'inherit' })
  lap('datamint-react/api works without React')
} finally {
  rmSync(work, { recursive: true, force: true })
}
