/** A window centre/width for an overlay: whole numbers from 100 up, two decimals below (PET, dose). */
export function formatWindowValue(n: number): string {
  return Math.abs(n) >= 100 ? String(Math.round(n)) : String(Math.round(n * 100) / 100)
}
