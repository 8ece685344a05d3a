/** A named window (centre/width in the image's units, e.g. HU). */
export interface WindowPreset {
  id: string
  label: string
  center: number
  width: number
}

/** Standard CT windows (width/level in HU) as radiology departments use them. */
export const CT_WINDOW_PRESETS: readonly WindowPreset[] = [
  { id: 'brain', label: 'Brain', width: 80, center: 40 },
  { id: 'subdural', label: 'Subdural', width: 200, center: 75 },
  { id: 'stroke', label: 'Stroke', width: 40, center: 40 },
  { id: 'lung', label: 'Lung', width: 1500, center: -600 },
  { id: 'mediastinum', label: 'Mediastinum', width: 350, center: 50 },
  { id: 'abdomen', label: 'Abdomen', width: 400, center: 50 },
  { id: 'liver', label: 'Liver', width: 150, center: 30 },
  { id: 'bone', label: 'Bone', width: 2000, center: 500 },
]

/**
 * The window presets offered for an image: the file's own window ("Auto": the window the file asks for, else its value range), the full value
 * range, and for CT the standard windows. MR, PET, dose and other modalities have no absolute scale, so only
 * windows from the data itself are offered.
 *
 * @example
 * windowPresets('CT', { min: -1024, max: 3071 }, { center: 40, width: 400 }).map((p) => p.label)
 * // ['Auto', 'Full range', 'Brain', 'Subdural', …]
 */
export function windowPresets(
  modality: string | undefined,
  range: { min: number; max: number },
  fileWindow?: { center: number; width: number },
): WindowPreset[] {
  const presets: WindowPreset[] = []
  if (fileWindow) presets.push({ id: 'auto', label: 'Auto', ...fileWindow })
  const width = Math.max(range.max - range.min, Number.EPSILON)
  presets.push({ id: 'full', label: 'Full range', center: range.min + width / 2, width })
  if (modality?.trim().toUpperCase() === 'CT') presets.push(...CT_WINDOW_PRESETS)
  return presets
}
