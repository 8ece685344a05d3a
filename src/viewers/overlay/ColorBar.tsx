import { type ColormapName, colormapGradient } from '../render/colormaps.js'

/**
 * A vertical colour bar for a colour-mapped image: the map from the window's low end (bottom) to its high end
 * (top), with values in the data's units (e.g. Gy for RT Dose).
 */
export function ColorBar({
  colormap,
  low,
  high,
  unit,
  format = formatTick,
}: {
  colormap: ColormapName
  low: number
  high: number
  unit: string
  format?: (value: number) => string
}) {
  const ticks = [
    { at: 'high', value: high },
    { at: 'mid', value: (low + high) / 2 },
    { at: 'low', value: low },
  ]
  return (
    <div
      className="dmv-colorbar"
      data-colorbar={colormap}
      role="img"
      aria-label={`Colour bar ${format(low)} to ${format(high)} ${unit}`.trim()}
    >
      <div className="dmv-colorbar-ticks">
        {ticks.map((t) => (
          <span
            key={t.at}
            data-tick={t.at}
          >{`${format(t.value)}${t.at === 'high' && unit ? ` ${unit}` : ''}`}</span>
        ))}
      </div>
      <div className="dmv-colorbar-ramp" style={{ background: colormapGradient(colormap) }} />
    </div>
  )
}

/** Three significant digits, no exponent for everyday values. */
export function formatTick(value: number): string {
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1000) return String(Math.round(value))
  return String(Number(value.toPrecision(3)))
}
