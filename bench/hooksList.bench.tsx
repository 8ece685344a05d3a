// A 10,000-row list after one optimistic patch, in React 19 on jsdom: how many row objects change identity
// (structural sharing: exactly one should), how many components re-render, and how long it takes from
// `mutate()` to the commit that shows the new value. Also the cache work alone: seeding 10,000 details
// from the list, and applying + rolling back one optimistic patch over the list.
// Run: npx tsx bench/hooksList.bench.tsx
// jsdom ships no types; a computed specifier keeps it untyped instead of failing the type check.
const jsdom = 'jsdom'
const { JSDOM } = await import(jsdom)
const dom = new JSDOM('<!doctype html><div id="root"></div>', { pretendToBeVisual: true })
Object.assign(globalThis, {
  window: dom.window,
  document: dom.window.document,
  HTMLElement: dom.window.HTMLElement,
  MessageChannel: globalThis.MessageChannel,
})
Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true })

const { QueryClient, QueryClientProvider } = await import('@tanstack/react-query')
const { memo, useEffect } = await import('react')
const { createRoot } = await import('react-dom/client')
const { createEntityHooks } = await import('../src/hooks/createEntityHooks.js')
const { createEntityCache } = await import('../src/hooks/core/entityCache.js')

interface Row {
  id: string
  name: string
  status: string
  resource_count: number
  tags: string[]
}
const N = 10_000
const ROUNDS = 7
const idOf = (i: number) => `1b9f74fe-278e-48a9-82f4-${i.toString(16).padStart(12, '0')}`
const rows: Row[] = Array.from({ length: N }, (_, i) => ({
  id: idOf(i),
  name: `row ${i}`,
  status: 'inbox',
  resource_count: i,
  tags: ['a', 'b'],
}))
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An in-memory API with the shape the hooks use; the PATCH answer waits until `answer()` is called. */
function memoryApi() {
  let answer: () => void = () => {}
  const api = {
    config: { serverUrl: 'http://bench.local', maxRetries: 0 },
    endpointBase: 'rows',
    entityName: 'row',
    getEntityId(e: Row | string) {
      const id = typeof e === 'string' ? e : e.id
      if (!uuid.test(id)) throw new Error(`bad id ${id}`)
      return id
    },
    getById: async (id: string) => rows.find((r) => r.id === id) as Row,
    getList: async (_filters?: { status?: string; limit?: number; offset?: number }) => structuredClone(rows),
    patch: (entity: string | Row, data: Partial<Row>) =>
      new Promise<Row>((resolve) => {
        answer = () => resolve({ ...(rows.find((r) => r.id === api.getEntityId(entity)) as Row), ...data })
      }),
    answer: () => answer(),
  }
  return api
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** What the components report to the round that renders them. */
const probe = {
  listRenders: 0,
  rowRenders: 0,
  hooks: undefined as unknown as ReturnType<typeof createEntityHooks<ReturnType<typeof memoryApi>>>,
  patch: undefined as
    | ReturnType<ReturnType<typeof createEntityHooks<ReturnType<typeof memoryApi>>>['usePatch']>
    | undefined,
  onData: (_data: Row[]) => {},
}

const RowView = memo(function RowView({ row }: { row: Row }) {
  probe.rowRenders++
  return <li>{row.name}</li>
})

function List() {
  probe.listRenders++
  const { data } = probe.hooks.useList()
  probe.patch = probe.hooks.usePatch()
  useEffect(() => {
    if (data) probe.onData(data)
  }, [data])
  return (
    <ul>
      {data?.map((row) => (
        <RowView key={row.id} row={row} />
      ))}
    </ul>
  )
}

async function reactRound() {
  const api = memoryApi()
  const hooks = createEntityHooks(api)
  probe.hooks = hooks
  const client = new QueryClient()
  const loaded = new Promise<Row[]>((resolve) => {
    probe.onData = resolve
  })
  const root = createRoot(document.getElementById('root') as HTMLElement)
  root.render(
    <QueryClientProvider client={client}>
      <List />
    </QueryClientProvider>,
  )
  const before = await loaded
  probe.listRenders = 0
  probe.rowRenders = 0
  const target = idOf(4321)
  const shown = new Promise<Row[]>((resolve) => {
    probe.onData = (data) => {
      if (data.find((r) => r.id === target)?.name === 'renamed') resolve(data)
    }
  })
  let cacheMs = Number.NaN
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.query.queryKey.includes('list')) {
      cacheMs = performance.now() - t0
      unsubscribe()
    }
  })
  const t0 = performance.now()
  probe.patch?.mutate({ entity: target, data: { name: 'renamed' } })
  const after = await shown
  const ms = performance.now() - t0
  const changed = after.filter((row, i) => row !== before[i]).length
  const result = {
    ms,
    cacheMs,
    changed,
    listRenders: probe.listRenders,
    rowRenders: probe.rowRenders,
    length: after.length,
  }
  api.answer()
  root.unmount()
  client.clear()
  return result
}

function cacheRound() {
  const client = new QueryClient()
  const api = memoryApi()
  const hooks = createEntityHooks(api)
  const cache = createEntityCache<Row>(hooks.keys, api.getEntityId)
  cache.attach(client)
  const list = structuredClone(rows)
  client.setQueryData(hooks.keys.list({}), list)
  const open = (i: number) => client.getQueryCache().build(client, { queryKey: hooks.keys.detail(idOf(i)) })
  let t = performance.now()
  const first = open(9999)
  const firstOpen = performance.now() - t
  t = performance.now()
  for (let i = 0; i < 100; i++) open(i)
  const nextOpen = (performance.now() - t) / 100
  const seeded = first.state.data === list[9999]
  const refetched = structuredClone(rows)
  t = performance.now()
  client.setQueryData(hooks.keys.list({}), refetched)
  const refresh = performance.now() - t
  t = performance.now()
  const rollback = cache.edit(client, [idOf(4321)], (r) => ({ ...r, name: 'renamed' }))
  const apply = performance.now() - t
  t = performance.now()
  rollback()
  const undone = performance.now() - t
  const exact = client.getQueryData(hooks.keys.list({})) === list
  client.clear()
  return { firstOpen, nextOpen, seeded, refresh, apply, rollback: undone, exact }
}

const react = []
for (let i = 0; i < ROUNDS; i++) react.push(await reactRound())
const last = react[react.length - 1]
console.log(`React 19 + jsdom, ${N.toLocaleString('en')}-row list (memoised rows), one optimistic patch:`)
console.log(
  `  row objects that changed identity: ${last.changed} of ${last.length} (every round: ${react.map((r) => r.changed).join(',')})`,
)
console.log(`  renders after mutate(): list component ${last.listRenders}, rows ${last.rowRenders}`)
console.log(
  `  mutate() → list entry written in the cache: median ${median(react.map((r) => r.cacheMs)).toFixed(1)} ms`,
)
console.log(
  `  mutate() → React commit showing the new value: median ${median(react.map((r) => r.ms)).toFixed(1)} ms (${ROUNDS} rounds; the rest is React reconciling 10,000 memoised rows in jsdom)`,
)

const cache = []
for (let i = 0; i < ROUNDS; i++) cache.push(cacheRound())
console.log('Cache work alone (framework-free core):')
console.log(
  `  first detail opened from the ${N.toLocaleString('en')}-row list (builds the id index): median ${median(cache.map((c) => c.firstOpen)).toFixed(2)} ms; each next one: ${median(cache.map((c) => c.nextOpen)).toFixed(3)} ms; seeded from the list: ${cache.every((c) => c.seeded)}`,
)
console.log(
  `  list refetch refreshing the 101 open details: median ${median(cache.map((c) => c.refresh)).toFixed(2)} ms`,
)
console.log(
  `  optimistic patch over the list + detail: median ${median(cache.map((c) => c.apply)).toFixed(2)} ms`,
)
console.log(
  `  exact rollback: median ${median(cache.map((c) => c.rollback)).toFixed(2)} ms, previous array restored by identity: ${cache.every((c) => c.exact)}`,
)
process.exit(0)
