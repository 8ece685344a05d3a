import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The hook tests against React 18 instead of the repo's React 19: `bash test/hooks/react18/run.sh`
// installs react@18 + react-dom@18 into a scratch folder and points REACT18_MODULES at it.
const modules = process.env.REACT18_MODULES
if (!modules) throw new Error('Set REACT18_MODULES (run test/hooks/react18/run.sh).')
const root = fileURLToPath(new URL('../../..', import.meta.url))

export default defineConfig({
  root,
  resolve: {
    alias: [
      // Testing Library's CommonJS build would `require` the repo's react-dom 19 past these aliases.
      {
        find: /^@testing-library\/react$/,
        replacement: `${root}node_modules/@testing-library/react/dist/@testing-library/react.esm.js`,
      },
      { find: /^react$/, replacement: `${modules}/react/index.js` },
      { find: /^react\/(.*)$/, replacement: `${modules}/react/$1` },
      { find: /^react-dom$/, replacement: `${modules}/react-dom/index.js` },
      { find: /^react-dom\/(.*)$/, replacement: `${modules}/react-dom/$1` },
    ],
  },
  test: {
    environment: 'jsdom',
    include: ['test/hooks/**/*.test.{ts,tsx}'],
    server: { deps: { inline: true } },
  },
})
