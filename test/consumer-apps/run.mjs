// Consumer-app test (issue 11): the packed tarball installed from a file into a throwaway Vite app and a
// webpack app, each with its default configuration. In Chromium, every app decodes one DICOM file of each
// compressed transfer syntax in our fixtures and shows it in a DicomViewer; the stored values' SHA-256 must
// equal the Node decode's (also through the installed package), and no bundler may print a warning about
// our package (Node built-ins externalised, missing source maps, unresolvable requests).
// Runs: Vite dev server, Vite build + preview, webpack 5 production build. Run by scripts/consumer-apps.sh.
// Work folder: node_modules/.cache/consumer-apps (the apps' node_modules are kept between runs).
import { execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { createServer as createNetServer } from 'node:net'
import { dirname, extname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '../..')
const work = process.env.CONSUMER_APPS_WORK ?? join(root, 'node_modules/.cache/consumer-apps')
const run = promisify(execFile)
const started = Date.now()
const failures = []

function log(message) {
  console.log(`consumer-apps [${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`)
}

async function sh(cwd, command, args) {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: quietEnv })
    return `${stdout}\n${stderr}`
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed (${error.code}):\n${error.stdout}\n${error.stderr}`)
  }
}
const quietEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_update_notifier: 'false' }

// Vite 8 (Rolldown) warns about every "use client" directive in a client build, TanStack Query's as ours:
// the directive is for React Server Components bundlers and harmless here.
const USE_CLIENT = /\[MODULE_LEVEL_DIRECTIVE\].*"use client"/
// Vite 8 reports where its build time went when the machine is slow: information, not a warning.
const TIMINGS = /\[PLUGIN_TIMINGS\]/

/** Lines of a tool's output that report a warning or an error (colours stripped). */
function badLines(output, ignore = []) {
  return output
    .replaceAll(String.fromCharCode(27), '')
    .replace(/\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) =>
      /^\s*\[[A-Z][A-Z_]{2,}\]|externali[sz]ed|sourcemap|source map|missing source|can't resolve|critical dependency|module not found|failed|\berror\b|\bwarn(ing)?\b|\(!\)/i.test(
        line,
      ),
    )
    .filter((line) => !USE_CLIENT.test(line) && !TIMINGS.test(line) && !ignore.some((re) => re.test(line)))
}

function check(what, lines) {
  if (lines.length) failures.push(`${what}:\n    ${lines.join('\n    ')}`)
}

// 1. Pack the package as it would be published (prepack builds dist/).
mkdirSync(work, { recursive: true })
const packed = JSON.parse(
  await sh(root, 'npm', ['pack', '--json', '--pack-destination', work]).then((o) =>
    o.slice(o.indexOf('['), o.lastIndexOf(']') + 1),
  ),
)
const tarball = join(work, 'datamint-react.tgz')
rmSync(tarball, { force: true })
cpSync(join(work, packed[0].filename), tarball)
rmSync(join(work, packed[0].filename))
log(`packed ${packed[0].filename}: ${packed[0].entryCount} files, ${(packed[0].size / 1e6).toFixed(2)} MB`)
const maps = packed[0].files.filter((f) => f.path.endsWith('.js.map'))
const withoutSources = maps.filter(
  (f) =>
    !JSON.parse(readFileSync(join(root, f.path), 'utf8')).sourcesContent?.every((s) => typeof s === 'string'),
)
check(
  'source maps without sourcesContent',
  withoutSources.map((f) => f.path),
)

// 2. The apps: template + shared app code, the tarball installed fresh (their other deps stay cached).
async function prepareApp(name, mainPath) {
  const dir = join(work, name)
  cpSync(join(here, name), dir, { recursive: true })
  mkdirSync(dirname(join(dir, mainPath)), { recursive: true })
  cpSync(join(here, 'app.js'), join(dir, mainPath))
  rmSync(join(dir, 'node_modules/datamint-react'), { recursive: true, force: true })
  rmSync(join(dir, 'package-lock.json'), { force: true })
  await sh(dir, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'])
  return dir
}
const [viteDir, webpackDir] = await Promise.all([
  prepareApp('vite', 'src/main.js'),
  prepareApp('webpack', 'src/index.js'),
])
log('apps installed')

// 3. Fixtures: the first file (by name) of each compressed transfer syntax, decoded in Node through the
// installed package for the reference checksums.
const installed = createRequire(join(viteDir, 'package.json'))
const { convertFormat } = await import(pathToFileURL(installed.resolve('datamint-react')).href)
const { decodeDicomFrame } = await import(pathToFileURL(installed.resolve('datamint-react/viewers')).href)
const UNCOMPRESSED = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2'])
const bySyntax = new Map()
for (const folder of ['test/fixtures/dicom', 'test/fixtures/generated']) {
  for (const file of readdirSync(join(root, folder))
    .filter((f) => f.endsWith('.dcm'))
    .sort()) {
    const bytes = readFileSync(join(root, folder, file))
    let dicom
    try {
      dicom = convertFormat(new Uint8Array(bytes), 'application/dicom')
    } catch {
      continue // truncated or broken on purpose
    }
    const uid = dicom.transferSyntaxUID
    if (dicom.kind !== 'dicom' || UNCOMPRESSED.has(uid) || bySyntax.has(uid)) continue
    const frame = await decodeDicomFrame(dicom, 0)
    const checksum = createHash('sha256')
      .update(new Uint8Array(frame.pixelData.buffer, frame.pixelData.byteOffset, frame.pixelData.byteLength))
      .digest('hex')
    bySyntax.set(uid, { name: file, path: join(folder, file), transferSyntax: uid, checksum })
  }
}
const fixtures = [...bySyntax.values()]
log(
  `${fixtures.length} transfer syntaxes: ${fixtures.map((f) => `${f.transferSyntax} (${f.name})`).join(', ')}`,
)
function copyFixtures(dir) {
  mkdirSync(join(dir, 'fixtures'), { recursive: true })
  for (const f of fixtures) cpSync(join(root, f.path), join(dir, 'fixtures', f.name))
  writeFileSync(join(dir, 'fixtures/files.json'), JSON.stringify(fixtures.map(({ name }) => ({ name }))))
}
copyFixtures(join(viteDir, 'public'))

// 4. Chromium (Debian's, through playwright-core) opens each app and compares its results.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})

async function freePort() {
  const server = createNetServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function checkPage(what, url) {
  const page = await browser.newPage()
  const messages = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') messages.push(`console.${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => messages.push(`page error: ${e.message}`))
  try {
    await page.goto(url)
    const results = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no results within 150 s')), 150_000)
          const wait = () =>
            window.consumerAppResults ? window.consumerAppResults.then(resolve, reject) : setTimeout(wait, 50)
          wait()
          return () => clearTimeout(timer)
        }),
    )
    const problems = []
    for (const f of fixtures) {
      const r = results.find((x) => x.name === f.name)
      if (!r) problems.push(`${f.name}: no result`)
      else if (r.error)
        problems.push(`${f.name} (${f.transferSyntax}): ${r.error.split('\n').slice(0, 3).join(' | ')}`)
      else if (r.checksum !== f.checksum)
        problems.push(`${f.name} (${f.transferSyntax}): checksum ${r.checksum} ≠ Node ${f.checksum}`)
    }
    check(`${what}: decodes`, problems)
    check(`${what}: browser console`, messages)
    log(
      `${what}: ${results.filter((r) => !r.error).length}/${fixtures.length} decoded and drawn, checksums ${problems.length ? 'DIFFER' : 'equal to Node'}`,
    )
  } catch (error) {
    const at = await page.evaluate(() => window.consumerAppProgress).catch(() => undefined)
    failures.push(`${what} (at ${at ?? 'start'}): ${error.message ?? error}`)
    check(`${what}: browser console`, messages)
  } finally {
    await page.close()
  }
}

/** Starts a long-running server command, resolves once it answers HTTP; returns { stop, output }. */
async function startServer(dir, args, port) {
  const child = spawn(process.execPath, args, { cwd: dir, env: quietEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', resolve)
      child.kill('SIGTERM')
    })
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited: ${output}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break
    } catch {}
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`${args.join(' ')} did not answer within 60 s: ${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { stop, output: () => output }
}

/** One stage (a bundler mode): its failure is recorded and the next stage still runs. */
async function stage(what, body) {
  try {
    await body()
  } catch (error) {
    failures.push(`${what}: ${String(error?.stack ?? error).slice(0, 4000)}`)
  }
  log(`${what} done`)
}

const vite = join(viteDir, 'node_modules/vite/bin/vite.js')
try {
  // Vite dev server: datamint-react is pre-bundled into node_modules/.vite/deps on the first visit.
  await stage('vite dev', async () => {
    rmSync(join(viteDir, 'node_modules/.vite'), { recursive: true, force: true })
    const port = await freePort()
    const dev = await startServer(
      viteDir,
      [vite, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
      port,
    )
    try {
      await checkPage('vite dev', `http://127.0.0.1:${port}/`)
    } finally {
      await dev.stop()
    }
    check('vite dev: server output', badLines(dev.output()))
  })

  // Vite production build + preview.
  await stage('vite build + preview', async () => {
    const built = await sh(viteDir, process.execPath, [vite, 'build'])
    check('vite build: output', badLines(built))
    const port = await freePort()
    const preview = await startServer(
      viteDir,
      [vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
      port,
    )
    try {
      await checkPage('vite build + preview', `http://127.0.0.1:${port}/`)
    } finally {
      await preview.stop()
    }
    check('vite preview: server output', badLines(preview.output()))
  })

  // webpack 5, zero configuration: ./src/index.js → ./dist/main.js, production mode.
  await stage('webpack build', async () => {
    const dist = join(webpackDir, 'dist')
    rmSync(dist, { recursive: true, force: true })
    const output = await sh(webpackDir, process.execPath, [
      join(webpackDir, 'node_modules/webpack/bin/webpack.js'),
      '--mode',
      'production',
    ])
    // webpack's performance hints (bundle and .wasm sizes against its 244 KiB advice) are not about us.
    const hints =
      /WARNING in (asset size limit|entrypoint size limit|webpack performance recommendations)|compiled with \d+ warnings?/
    check('webpack build: output', badLines(output, [hints]))
    cpSync(join(here, 'webpack/index.html'), join(dist, 'index.html'))
    copyFixtures(dist)
    const server = await serveStatic(dist)
    try {
      await checkPage('webpack build', `http://127.0.0.1:${server.address().port}/`)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
} finally {
  await browser.close()
}

function serveStatic(dir) {
  const types = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.wasm': 'application/wasm',
    '.json': 'application/json',
  }
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname))
    if (relative(dir, path).startsWith('..') || !existsSync(path)) {
      res.writeHead(404).end()
      return
    }
    const file = path.endsWith('/') ? join(path, 'index.html') : path
    res
      .writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

if (failures.length) {
  console.error(`consumer-apps: FAILED\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
log(
  `passed: Vite dev, Vite build + preview and webpack decode ${fixtures.length} transfer syntaxes like Node`,
)
