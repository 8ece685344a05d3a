// A 10,000-row list after one optimistic patch, in React 19 (production build) on jsdom, side by side with
// the textbook pattern (`onMutate`: `cancelQueries` + `setQueryData(key, list.map(...))`): how many row
// objects change identity (exactly one should), how many components re-render, how long from `mutate()`
// to the list entry written and to the commit showing it. Then the cache work alone: `cache.edit` against
// `setQueryData(list.map(...))` on the same list, seeding details from the list, and the rollback.
// Run: npx tsx bench/hooksList.bench.tsx (no JSX here: the JSX runtime would load React before the mode is set)
// React's production build: what users ship (development mode adds checks to every render).
process.env.NODE_ENV = 'production'
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

const { QueryClient, QueryClientProvider, useMutation, useQueryClient } = await import(
  '@tanstack/react-query'
)
const { createElement: h, memo, useEffect } = await import('react')
type ReactElement = import('react').ReactElement
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
const ROUNDS = 9
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
    readId: (e: unknown) => (e as Row | undefined)?.id,
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
type Hooks = ReturnType<typeof createEntityHooks<ReturnType<typeof memoryApi>>>
type Patch = (variables: { entity: string; data: Partial<Row> }) => void

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** What the components report to the round that renders them. */
const probe = {
  listRenders: 0,
  rowRenders: 0,
  hooks: undefined as unknown as Hooks,
  api: undefined as unknown as ReturnType<typeof memoryApi>,
  patch: undefined as Patch | undefined,
  onData: (_data: Row[]) => {},
}

const RowView = memo(function RowView({ row }: { row: Row }) {
  probe.rowRenders++
  return h('li', null, row.name)
})

function Rows({ data }: { data: Row[] | undefined }) {
  useEffect(() => {
    if (data) probe.onData(data)
  }, [data])
  return h(
    'ul',
    null,
    data?.map((row) => h(RowView, { key: row.id, row })),
  )
}

/** The library: `usePatch()` (optimistic). */
function HooksList() {
  probe.listRenders++
  const { data } = probe.hooks.useList()
  probe.patch = probe.hooks.usePatch().mutate
  return h(Rows, { data })
}

/** The textbook optimistic update from the TanStack Query docs, on the same list entry. */
function TextbookList() {
  probe.listRenders++
  const { data } = probe.hooks.useList()
  const client = useQueryClient()
  const listKey = probe.hooks.keys.list()
  probe.patch = useMutation({
    mutationFn: ({ entity, data }: { entity: string; data: Partial<Row> }) => probe.api.patch(entity, data),
    onMutate: async ({ entity, data }) => {
      await client.cancelQueries({ queryKey: listKey })
      client.setQueryData<Row[]>(listKey, (old) => old?.map((r) => (r.id === entity ? { ...r, ...data } : r)))
    },
  }).mutate
  return h(Rows, { data })
}

async function reactRound(List: () => ReactElement) {
  const api = memoryApi()
  probe.api = api
  probe.hooks = createEntityHooks(api)
  const client = new QueryClient()
  const loaded = new Promise<Row[]>((resolve) => {
    probe.onData = resolve
  })
  const root = createRoot(document.getElementById('root') as HTMLElement)
  root.render(h(QueryClientProvider, { client }, h(List)))
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
    // The first write of the list's data after mutate() (edit writes with setState, setQueryData with success).
    if (
      event.type === 'updated' &&
      event.query.queryKey.includes('list') &&
      event.query.state.data !== before
    ) {
      cacheMs = performance.now() - t0
      unsubscribe()
    }
  })
  const t0 = performance.now()
  probe.patch?.({ entity: target, data: { name: 'renamed' } })
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
  const cache = createEntityCache<Row>(hooks.keys, api.readId)
  cache.attach(client)
  const key = hooks.keys.list({})
  const list = structuredClone(rows)
  client.setQueryData(key, list)
  const open = (i: number) => client.getQueryCache().build(client, { queryKey: hooks.keys.detail(idOf(i)) })
  let t = performance.now()
  const first = open(9999)
  const firstOpen = performance.now() - t
  t = performance.now()
  for (let i = 0; i < 100; i++) open(i)
  const nextOpen = (performance.now() - t) / 100
  const seeded = first.state.data === list[9999]
  t = performance.now()
  client.setQueryData(key, structuredClone(rows))
  const refresh = performance.now() - t
  // The same change both ways on a 10,000-row entry: by hand on a plain client (nothing attached), and
  // cache.edit on this one (the list, 101 details and the seeding subscription: the work a patch really does).
  const target = idOf(4321)
  const plain = new QueryClient()
  plain.setQueryData(key, structuredClone(rows))
  const plainBefore = plain.getQueryData<Row[]>(key) as Row[]
  t = performance.now()
  plain.setQueryData<Row[]>(key, (old) => old?.map((r) => (r.id === target ? { ...r, name: 'renamed' } : r)))
  const textbook = performance.now() - t
  const textbookChanged = plain.getQueryData<Row[]>(key)?.filter((r, i) => r !== plainBefore[i]).length
  plain.clear()
  const base = client.getQueryData<Row[]>(key) as Row[]
  t = performance.now()
  const rollback = cache.edit(client, [target], (r) => ({ ...r, name: 'renamed' }))
  const apply = performance.now() - t
  const editChanged = client.getQueryData<Row[]>(key)?.filter((r, i) => r !== base[i]).length
  t = performance.now()
  rollback()
  const undone = performance.now() - t
  const exact = client.getQueryData(key) === base
  client.clear()
  return {
    firstOpen,
    nextOpen,
    seeded,
    refresh,
    textbook,
    textbookChanged,
    apply,
    editChanged,
    rollback: undone,
    exact,
  }
}

const fmt = (ms: number) => ms.toFixed(2)
const rounds = {
  hooks: [] as Awaited<ReturnType<typeof reactRound>>[],
  textbook: [] as Awaited<ReturnType<typeof reactRound>>[],
}
// Interleaved, so both see the same machine load.
for (let i = 0; i < ROUNDS; i++) {
  rounds.hooks.push(await reactRound(HooksList))
  rounds.textbook.push(await reactRound(TextbookList))
}
console.log(
  `React 19 (${process.env.NODE_ENV}) + jsdom, ${N.toLocaleString('en')}-row list (memoised rows), one optimistic patch, median of ${ROUNDS} rounds:`,
)
console.log('                                        usePatch()   textbook onMutate   ratio')
const row = (label: string, pick: (r: Awaited<ReturnType<typeof reactRound>>) => number) => {
  const a = median(rounds.hooks.map(pick))
  const b = median(rounds.textbook.map(pick))
  console.log(
    `  ${label.padEnd(38)}${fmt(a).padStart(8)} ms ${fmt(b).padStart(14)} ms   ${(a / b).toFixed(2)}×`,
  )
}
row('mutate() → list entry written', (r) => r.cacheMs)
row('mutate() → React commit showing it', (r) => r.ms)
const last = { hooks: rounds.hooks[ROUNDS - 1], textbook: rounds.textbook[ROUNDS - 1] }
console.log(
  `  row objects that changed identity: usePatch ${last.hooks.changed} of ${last.hooks.length}, textbook ${last.textbook.changed} (every round: ${rounds.hooks.map((r) => r.changed).join(',')})`,
)
console.log(
  `  renders after mutate(): usePatch list ${last.hooks.listRenders}, rows ${last.hooks.rowRenders}; textbook list ${last.textbook.listRenders}, rows ${last.textbook.rowRenders}`,
)

const cache = []
for (let i = 0; i < ROUNDS; i++) cache.push(cacheRound())
const apply = median(cache.map((c) => c.apply))
const textbook = median(cache.map((c) => c.textbook))
console.log('Cache work alone (framework-free core), same 10,000-row entry:')
console.log(
  `  one optimistic patch: cache.edit (list + detail) ${fmt(apply)} ms vs setQueryData(list.map(...)) ${fmt(textbook)} ms: ${(apply / textbook).toFixed(2)}×; rows changed ${cache[0].editChanged} vs ${cache[0].textbookChanged}`,
)
console.log(
  `  first detail opened from the list: median ${fmt(median(cache.map((c) => c.firstOpen)))} ms; each next one: ${median(cache.map((c) => c.nextOpen)).toFixed(3)} ms; seeded from the list: ${cache.every((c) => c.seeded)}`,
)
console.log(
  `  list refetch refreshing the 101 open details: median ${fmt(median(cache.map((c) => c.refresh)))} ms`,
)
console.log(
  `  exact rollback: median ${fmt(median(cache.map((c) => c.rollback)))} ms, previous array restored by identity: ${cache.every((c) => c.exact)}`,
)
process.exit(0)

export {}
