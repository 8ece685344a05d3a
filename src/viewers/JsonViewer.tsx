'use client'
import { useState } from 'react'
import type { JsonData } from '../api/format/ConvertedData.js'
import type { ViewerProps } from './ui/ViewerProps.js'

export interface JsonViewerProps extends ViewerProps {
  data: JsonData
  /** Levels open at first (default 1: the top-level keys are listed). */
  defaultExpandDepth?: number
}

// Long arrays/objects open in groups of this many children, so a 1e6-item array renders 1e4 rows at most.
const GROUP = 100

const mono = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'

/**
 * Parsed JSON as a collapsible tree. Every key and value is React text (never HTML); each collapsible node is
 * a disclosure button with `aria-expanded` (Tab to it, Enter/Space to toggle). Children are only rendered when open, and
 * large containers open in groups of 100.
 *
 * @example
 * <JsonViewer data={{ kind: 'json', mimetype: 'application/json', value: { a: [1, 2] } }} />
 */
export function JsonViewer({ data, defaultExpandDepth = 1, label, className, style }: JsonViewerProps) {
  return (
    <section
      aria-label={label ?? 'JSON viewer'}
      className={className}
      style={{ overflow: 'auto', font: `13px/1.5 ${mono}`, width: '100%', height: '100%', ...style }}
    >
      <ul style={listStyle}>
        <JsonNode name={undefined} value={data.value} depth={0} defaultExpandDepth={defaultExpandDepth} />
      </ul>
    </section>
  )
}

const listStyle = { listStyle: 'none', margin: 0, paddingLeft: '1.25em' } as const
// A text-like button that keeps the browser's focus ring.
const toggleStyle = {
  background: 'none',
  border: 0,
  padding: 0,
  font: 'inherit',
  color: 'inherit',
  cursor: 'pointer',
}

function entriesOf(value: object): Array<[string, unknown]> {
  return Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value)
}

function summary(value: object): string {
  return Array.isArray(value) ? `Array(${value.length})` : `{${Object.keys(value).length} keys}`
}

function Primitive({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span style={{ color: '#0b7a38' }}>{JSON.stringify(value)}</span>
  if (value === null) return <span style={{ color: '#6b6b6b' }}>null</span>
  return <span style={{ color: '#1a4fb5' }}>{String(value)}</span>
}

function JsonNode({
  name,
  value,
  depth,
  defaultExpandDepth,
}: {
  name: string | undefined
  value: unknown
  depth: number
  defaultExpandDepth: number
}) {
  const container = typeof value === 'object' && value !== null
  const [open, setOpen] = useState(depth < defaultExpandDepth)
  const key = name === undefined ? null : <span style={{ color: '#7a1f6b' }}>{name}: </span>
  if (!container) {
    return (
      <li>
        {key}
        <Primitive value={value} />
      </li>
    )
  }
  const entries = open ? entriesOf(value) : []
  return (
    <li>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} style={toggleStyle}>
        <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
        {key}
        <span style={{ color: '#6b6b6b' }}>{summary(value)}</span>
      </button>
      {open && <Children entries={entries} depth={depth} defaultExpandDepth={defaultExpandDepth} />}
    </li>
  )
}

/** The open node's children: the entries themselves, or groups of them when there are more than `GROUP`. */
function Children({
  entries,
  depth,
  defaultExpandDepth,
}: {
  entries: Array<[string, unknown]>
  depth: number
  defaultExpandDepth: number
}) {
  return (
    <ul style={listStyle}>
      {entries.length > GROUP ? (
        <Groups entries={entries} depth={depth} defaultExpandDepth={defaultExpandDepth} />
      ) : (
        entries.map(([k, v]) => (
          <JsonNode key={k} name={k} value={v} depth={depth + 1} defaultExpandDepth={defaultExpandDepth} />
        ))
      )}
    </ul>
  )
}

function Groups({
  entries,
  depth,
  defaultExpandDepth,
}: {
  entries: Array<[string, unknown]>
  depth: number
  defaultExpandDepth: number
}) {
  // Group size 100, 10 000, … so that no level lists more than 100 groups.
  let size = GROUP
  while (entries.length / size > GROUP) size *= GROUP
  const groups: Array<Array<[string, unknown]>> = []
  for (let i = 0; i < entries.length; i += size) groups.push(entries.slice(i, i + size))
  return groups.map((g) => {
    const name = `${g[0][0]} … ${g[g.length - 1][0]}`
    return <Group key={name} name={name} entries={g} depth={depth} defaultExpandDepth={defaultExpandDepth} />
  })
}

function Group({
  name,
  entries,
  depth,
  defaultExpandDepth,
}: {
  name: string
  entries: Array<[string, unknown]>
  depth: number
  defaultExpandDepth: number
}) {
  const [open, setOpen] = useState(false)
  return (
    <li>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} style={toggleStyle}>
        <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>[{name}]
      </button>
      {open && <Children entries={entries} depth={depth} defaultExpandDepth={defaultExpandDepth} />}
    </li>
  )
}
