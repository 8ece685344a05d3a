'use client'
import { type RefObject, useLayoutEffect, useState } from 'react'
import type { NiftiData } from '../../api/format/ConvertedData.js'
import { type ColormapName, colormapTable } from '../render/colormaps.js'
import { windowToRgba } from '../render/windowToRgba.js'
import { niftiSlice } from './niftiSlice.js'
import type { NiftiPlane, NiftiSliceGeometry } from './niftiSliceGeometry.js'
import { niftiSliceRgb } from './niftiSliceRgb.js'
import type { NiftiWindow } from './useNiftiVolume.js'

export interface NiftiSliceDraw {
  data: NiftiData
  geometry: NiftiSliceGeometry | undefined
  plane: NiftiPlane
  index: number
  volume: number
  window: NiftiWindow | undefined
  invert: boolean
  colormap: ColormapName
}

/**
 * Draws one slice onto the canvas at voxel resolution (layout effect: on screen in the same paint as the
 * controls that asked for it). Grey volumes go through the window, inversion and colour map; rgb24 as stored.
 * Returns the error when the slice cannot be drawn.
 */
export function useNiftiSliceCanvas(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  d: NiftiSliceDraw,
): unknown {
  const [error, setError] = useState<unknown>()
  const { data, geometry: g, plane, index, volume, window, invert, colormap } = d
  useLayoutEffect(() => {
    const canvas = canvasRef.current
    if (!canvas || !g || !window) return
    try {
      const ctx = canvas.getContext('2d')
      if (!ctx) throw new Error('this browser gives no 2D canvas')
      const image = ctx.createImageData(g.width, g.height)
      if (data.datatype === 'rgb24') {
        const rgb = niftiSliceRgb(data, plane, index, volume)
        for (let i = 0, o = 0; i < rgb.length; i += 3, o += 4) {
          image.data[o] = rgb[i]
          image.data[o + 1] = rgb[i + 1]
          image.data[o + 2] = rgb[i + 2]
          image.data[o + 3] = 255
        }
      } else {
        const lut = colormap === 'grayscale' ? undefined : colormapTable(colormap)
        windowToRgba(niftiSlice(data, plane, index, volume), window.center, window.width, image.data, {
          invert,
          lut,
        })
      }
      ctx.putImageData(image, 0, 0)
      setError(undefined)
    } catch (e) {
      setError(e)
    }
  }, [canvasRef, data, g, plane, index, volume, window, invert, colormap])
  return error
}
