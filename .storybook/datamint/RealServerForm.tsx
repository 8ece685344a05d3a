import { type FormEvent, useState } from 'react'
import { ApiConfig } from '../../src/api/ApiConfig.js'
import { type RealServerCredentials, saveRealServerCredentials } from './realServerCredentials.js'

/**
 * Asks for a Datamint server URL and API key when the toolbar says "Real server".
 * The key stays in this tab's sessionStorage (see realServerCredentials.ts).
 */
export function RealServerForm({ onConnect }: { onConnect: (credentials: RealServerCredentials) => void }) {
  const [serverUrl, setServerUrl] = useState('https://api.datamint.io')
  const [apiKey, setApiKey] = useState('')
  const [error, setError] = useState<string>()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    try {
      // Same validation the library applies, so a typo is reported here rather than as a network error.
      const config = new ApiConfig({ serverUrl, apiKey })
      const credentials = { serverUrl: config.serverUrl, apiKey }
      saveRealServerCredentials(credentials)
      onConnect(credentials)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <form onSubmit={submit} aria-label="Connect to a Datamint server" style={formStyle}>
      <strong>Connect this story to a real Datamint server</strong>
      <label style={labelStyle}>
        Server URL
        <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} required style={inputStyle} />
      </label>
      <label style={labelStyle}>
        API key
        <input
          type="password"
          autoComplete="off"
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          required
          style={inputStyle}
        />
      </label>
      <small>
        The key is kept in this browser tab only (sessionStorage): never in the URL, the Storybook build or
        the toolbar globals. Closing the tab forgets it. The server must allow this page's origin (CORS).
      </small>
      {error && <p role="alert">{error}</p>}
      <button type="submit">Connect</button>
    </form>
  )
}

const formStyle = {
  display: 'grid',
  gap: 8,
  maxWidth: 420,
  padding: 16,
  border: '1px solid #ccc',
  borderRadius: 6,
  fontFamily: 'system-ui, sans-serif',
} as const
const labelStyle = { display: 'grid', gap: 4 } as const
const inputStyle = { padding: 4, fontSize: 14 } as const
