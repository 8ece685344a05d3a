/**
 * Where the "real server" toolbar mode keeps what the user typed.
 *
 * Only in this tab's sessionStorage: never in a global (globals end up in the URL), never in the build,
 * gone when the tab closes. Storybook globals only carry the mode ('mock' | 'real').
 */
export interface RealServerCredentials {
  serverUrl: string
  apiKey: string
}

const storageKey = 'datamint-react.storybook.real-server'

export function readRealServerCredentials(): RealServerCredentials | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey)
    if (!raw) return undefined
    const parsed = JSON.parse(raw) as Partial<RealServerCredentials>
    if (typeof parsed.serverUrl !== 'string' || typeof parsed.apiKey !== 'string') return undefined
    return { serverUrl: parsed.serverUrl, apiKey: parsed.apiKey }
  } catch {
    // sessionStorage can be unavailable (sandboxed iframe) or hold junk: treat as "not connected".
    return undefined
  }
}

export function saveRealServerCredentials(credentials: RealServerCredentials): void {
  sessionStorage.setItem(storageKey, JSON.stringify(credentials))
}

export function forgetRealServerCredentials(): void {
  sessionStorage.removeItem(storageKey)
}
