import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { browserPrebundle, chromium } from './vitest.chromium.js'

export default defineConfig({
  test: {
    projects: [
      {
        // Framework-free code (src/api, pure decoders, the testing server) in Node.
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts', 'test/hooks/**'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        // React hooks with @testing-library/react in jsdom.
        plugins: [react()],
        test: {
          name: 'hooks',
          environment: 'jsdom',
          include: ['test/hooks/**/*.test.{ts,tsx}'],
        },
      },
      {
        // Viewers in real Chromium.
        plugins: [react()],
        optimizeDeps: { include: browserPrebundle },
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.{ts,tsx}'],
          // Real loopback servers on other origins than the page's (redirect tests), started in Node.
          globalSetup: ['test/api/transport/browserServers.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
      {
        // Every story rendered in Chromium; play functions are the interaction tests.
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
    ],
  },
})
