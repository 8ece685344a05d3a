import { playwright } from '@vitest/browser-playwright'

/**
 * Debian's Chromium (`/usr/bin/chromium`, or `CHROMIUM_PATH`) driven by playwright-core: never a downloaded
 * browser. The flags are for running as root on a closed network. Shared by the test and benchmark configs.
 */
export const chromium = playwright({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  },
})

/**
 * Dependencies Vite pre-bundles before the first browser test or benchmark runs: a dependency discovered
 * lazily mid-run makes Vite reload the page, which leaves two copies of React on it.
 */
export const browserPrebundle = [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-dev-runtime',
  'cornerstone-core',
  'dicom-parser',
  '@tanstack/react-query',
  '@testing-library/react',
  'fflate',
]
