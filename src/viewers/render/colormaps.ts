import type { Cornerstone } from '../dicom/Cornerstone.js'

/** Colour maps for dose, PET and parametric images; `grayscale` is the plain grey ramp. */
export type ColormapName = 'grayscale' | 'hot' | 'viridis' | 'jet' | 'inferno'

/** Every colour map, in the order a picker lists them. */
export const COLORMAPS: readonly ColormapName[] = ['grayscale', 'hot', 'viridis', 'inferno', 'jet']

/** Display names of {@link COLORMAPS}. */
export const COLORMAP_LABELS: Record<ColormapName, string> = {
  grayscale: 'Grayscale',
  hot: 'Hot',
  viridis: 'Viridis',
  inferno: 'Inferno',
  jet: 'Jet',
}

type Stop = [position: number, r: number, g: number, b: number]

// Control points (0..1 → 0..255); matplotlib's definitions for hot and jet, evenly sampled viridis/inferno.
const STOPS: Record<ColormapName, Stop[]> = {
  grayscale: [
    [0, 0, 0, 0],
    [1, 255, 255, 255],
  ],
  hot: [
    [0, 10, 0, 0],
    [0.365, 255, 0, 0],
    [0.746, 255, 255, 0],
    [1, 255, 255, 255],
  ],
  jet: [
    [0, 0, 0, 128],
    [0.11, 0, 0, 255],
    [0.125, 0, 0, 255],
    [0.34, 0, 219, 255],
    [0.35, 0, 228, 248],
    [0.64, 255, 255, 0],
    [0.65, 255, 240, 0],
    [0.89, 255, 0, 0],
    [1, 128, 0, 0],
  ],
  viridis: [
    [0, 68, 1, 84],
    [0.111, 72, 40, 120],
    [0.222, 62, 73, 137],
    [0.333, 49, 104, 142],
    [0.444, 38, 130, 142],
    [0.556, 31, 158, 137],
    [0.667, 53, 183, 121],
    [0.778, 110, 206, 88],
    [0.889, 181, 222, 43],
    [1, 253, 231, 37],
  ],
  inferno: [
    [0, 0, 0, 4],
    [0.111, 31, 12, 72],
    [0.222, 85, 15, 109],
    [0.333, 136, 34, 106],
    [0.444, 186, 54, 85],
    [0.556, 227, 89, 51],
    [0.667, 249, 140, 10],
    [0.778, 249, 201, 50],
    [1, 252, 255, 164],
  ],
}

const tables = new Map<ColormapName, Uint8Array>()

/**
 * A colour map as 256 RGB triples (768 bytes): entry i is the colour of the windowed value i/255.
 *
 * @example
 * const lut = colormapTable('hot'); const [r, g, b] = lut.subarray(255 * 3) // white
 */
export function colormapTable(name: ColormapName): Uint8Array {
  let table = tables.get(name)
  if (table) return table
  const stops = STOPS[name] ?? STOPS.grayscale
  table = new Uint8Array(256 * 3)
  let s = 0
  for (let i = 0; i < 256; i++) {
    const t = i / 255
    while (s < stops.length - 2 && t > stops[s + 1][0]) s++
    const [p0, r0, g0, b0] = stops[s]
    const [p1, r1, g1, b1] = stops[s + 1]
    const f = p1 === p0 ? 0 : Math.min(1, Math.max(0, (t - p0) / (p1 - p0)))
    table[i * 3] = Math.round(r0 + (r1 - r0) * f)
    table[i * 3 + 1] = Math.round(g0 + (g1 - g0) * f)
    table[i * 3 + 2] = Math.round(b0 + (b1 - b0) * f)
  }
  tables.set(name, table)
  return table
}

/** CSS `linear-gradient` of a colour map from bottom (low) to top (high), for colour bars. */
export function colormapGradient(name: ColormapName, direction = 'to top'): string {
  const table = colormapTable(name)
  const stops: string[] = []
  for (let i = 0; i <= 16; i++) {
    const k = Math.round((i / 16) * 255) * 3
    stops.push(`rgb(${table[k]} ${table[k + 1]} ${table[k + 2]}) ${(i / 16) * 100}%`)
  }
  return `linear-gradient(${direction}, ${stops.join(', ')})`
}

/**
 * The cornerstone colormap id for `name` (registered with cornerstone on first use), or undefined for
 * grayscale, which cornerstone's grey renderer draws itself.
 */
export function cornerstoneColormap(cornerstone: Cornerstone, name: ColormapName): string | undefined {
  if (name === 'grayscale' || !STOPS[name]) return undefined
  const id = `datamint-${name}`
  const table = colormapTable(name)
  const colors: [number, number, number, number][] = []
  for (let i = 0; i < 256; i++) colors.push([table[i * 3], table[i * 3 + 1], table[i * 3 + 2], 255])
  cornerstone.colors.getColormap(id, { name: COLORMAP_LABELS[name], colors })
  return id
}
