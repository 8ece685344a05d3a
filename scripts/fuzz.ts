// `npm run fuzz [-- --minutes 10 --seed N]`: mutates every fixture for as long as asked, checking each input in a
// worker thread (memory and time limits) for "a correct value or a FormatError". Inputs that break the contract
// are written to test/fixtures/hostile/ with a manifest entry; test/fuzz/hostile.test.ts then replays them.
// The checking runs in a child process that announces each input before running it, so even an input that
// aborts the whole process (a V8 fatal error) is known and saved.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { corpus } from '../test/fuzz/corpus.js'
import { addHostileFile } from '../test/fuzz/hostileFolder.js'
import { IsolatedRunner } from '../test/fuzz/IsolatedRunner.js'
import { applyMutations, type Mutation, mutationsArbitrary } from '../test/fuzz/mutations.js'

interface Case {
  index: number
  file: number
  mutations: Mutation[]
}

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? process.argv[at + 1] : undefined
}

const files = corpus()
const donors = files.map((f) => f.bytes)
const lengths = donors.map((d) => d.length)

/** Input `index` of the run with `seed`: deterministic, so a run can be replayed. */
function nthCase(seed: number, index: number): Case {
  const file = (seed + index * 7919) % files.length
  const [mutations] = fc.sample(mutationsArbitrary(lengths[file], lengths), {
    seed: seed + index,
    numRuns: 1,
  })
  return { index, file, mutations }
}

function save(seed: number, c: Case, triggered: string): void {
  const source = files[c.file]
  const name = addHostileFile(applyMutations(source.bytes, c.mutations, donors), {
    what: `${source.path} mutated by ${JSON.stringify(c.mutations)} (npm run fuzz, seed ${seed}, input ${c.index})`,
    triggered,
  })
  console.log(`  saved test/fixtures/hostile/${name}`)
}

async function child(seed: number, deadline: number, start: number): Promise<void> {
  const runner = new IsolatedRunner({ timeoutMs: Number(arg('timeout-ms') ?? 10_000) })
  let index = start
  for (; Date.now() < deadline; index++) {
    const c = nthCase(seed, index)
    process.send?.({ running: c })
    const result = await runner.run(applyMutations(files[c.file].bytes, c.mutations, donors))
    if (result.status !== 'ok')
      process.send?.({ failed: c, triggered: `${result.status}: ${result.message}` })
    if (index % 500 === 0) process.send?.({ progress: index })
  }
  await runner.close()
  process.send?.({ done: index })
}

async function parent(): Promise<void> {
  const seed = Number(arg('seed') ?? Math.floor(Math.random() * 2 ** 31))
  const minutes = Number(arg('minutes') ?? process.env.FUZZ_MINUTES ?? 10)
  const deadline = Date.now() + minutes * 60_000
  console.log(
    `fuzz: seed ${seed}, ${minutes} min, ${files.length} fixtures (replay: npm run fuzz -- --seed ${seed})`,
  )
  let start = 0
  let failures = 0
  while (Date.now() < deadline) {
    let running: Case | undefined
    let finished = false
    const proc = fork(
      fileURLToPath(import.meta.url),
      ['--child', String(seed), String(deadline), String(start)],
      {
        execArgv: ['--import', 'tsx'],
      },
    )
    proc.on(
      'message',
      (m: { running?: Case; failed?: Case; triggered?: string; progress?: number; done?: number }) => {
        if (m.running) running = m.running
        if (m.progress !== undefined) console.log(`  ${m.progress} inputs, ${failures} failure(s)`)
        if (m.failed && m.triggered) {
          failures++
          console.log(`FAIL input ${m.failed.index} (${files[m.failed.file].path}): ${m.triggered}`)
          save(seed, m.failed, m.triggered)
        }
        if (m.done !== undefined) {
          finished = true
          console.log(`fuzz: ${m.done} inputs, ${failures} failure(s), seed ${seed}`)
        }
      },
    )
    const code = await new Promise<number | null>((resolve) =>
      proc.on('exit', (c, signal) => resolve(c ?? (signal ? 128 : null))),
    )
    if (finished) break
    if (!running) throw new Error(`fuzz: the checking process exited (${code}) before its first input`)
    failures++
    const triggered = `process exit ${code} (fatal error) on this input`
    console.log(`FAIL input ${running.index} (${files[running.file].path}): ${triggered}`)
    save(seed, running, triggered)
    start = running.index + 1
  }
  process.exit(failures ? 1 : 0)
}

if (process.argv[2] === '--child') {
  await child(Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5]))
} else {
  await parent()
}
