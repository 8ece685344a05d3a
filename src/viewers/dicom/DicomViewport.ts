import type { CornerstoneViewport } from './Cornerstone.js'

/** What a DicomViewer shows: window (in modality units, e.g. HU), zoom, pan and inversion. */
export interface DicomViewport {
  windowCenter: number
  windowWidth: number
  /** Screen pixels per image pixel. */
  scale: number
  /** Pan, in image pixels from the centred position. */
  translation: { x: number; y: number }
  /** Inverted grey scale (true by default for MONOCHROME1). */
  invert: boolean
  /** Nearest-neighbour magnification instead of smoothing. */
  pixelReplication: boolean
}

export function fromCornerstone(v: CornerstoneViewport): DicomViewport {
  return {
    windowCenter: v.voi.windowCenter,
    windowWidth: v.voi.windowWidth,
    scale: v.scale,
    translation: { x: v.translation.x, y: v.translation.y },
    invert: v.invert,
    pixelReplication: v.pixelReplication,
  }
}

export function toCornerstone(v: DicomViewport): Partial<CornerstoneViewport> {
  return {
    voi: { windowCenter: v.windowCenter, windowWidth: v.windowWidth },
    scale: v.scale,
    translation: { x: v.translation.x, y: v.translation.y },
    invert: v.invert,
    pixelReplication: v.pixelReplication,
  }
}

export function sameViewport(a: DicomViewport, b: DicomViewport): boolean {
  return (
    a.windowCenter === b.windowCenter &&
    a.windowWidth === b.windowWidth &&
    a.scale === b.scale &&
    a.translation.x === b.translation.x &&
    a.translation.y === b.translation.y &&
    a.invert === b.invert &&
    a.pixelReplication === b.pixelReplication
  )
}
