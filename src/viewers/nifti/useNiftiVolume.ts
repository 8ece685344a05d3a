'use client'
import { useMemo } from 'react'
import type { NiftiData } from '../../api/format/ConvertedData.js'
import { niftiRange } from './niftiRange.js'
import { type NiftiPlane, type NiftiSliceGeometry, niftiSliceGeometry } from './niftiSliceGeometry.js'

export interface NiftiWindow {
  center: number
  width: number
}

export const NIFTI_PLANES: readonly NiftiPlane[] = ['axial', 'coronal', 'sagittal']

/** What a NiftiViewer needs once per volume: the geometry of each plane and the value range. */
export interface NiftiVolume {
  geometries: Record<NiftiPlane, NiftiSliceGeometry>
  min: number
  max: number
  /** The whole series' range: what the viewer opens with and Reset returns to. */
  initialWindow: NiftiWindow
}

/** {@link NiftiVolume} of `data`, or the error that makes it impossible to slice. */
export function useNiftiVolume(data: NiftiData): { volume?: NiftiVolume; error?: unknown } {
  return useMemo(() => {
    try {
      const geometries = Object.fromEntries(
        NIFTI_PLANES.map((p) => [p, niftiSliceGeometry(data, p)]),
      ) as Record<NiftiPlane, NiftiSliceGeometry>
      const { min, max } = niftiRange(data)
      const initialWindow = { center: (min + max) / 2, width: Math.max(1e-6, max - min) }
      return { volume: { geometries, min, max, initialWindow } }
    } catch (error) {
      return { error }
    }
  }, [data])
}
