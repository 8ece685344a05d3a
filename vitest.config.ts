import { execFileSync } from 'node:child_process'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { browserPrebundle, chromium } from './vitest.chromium.js'

// The codecs' ES modules and .wasm files are generated (scripts/vendor-codecs.mjs; a no-op when current), so
// that `npx vitest` works in a worktree that has not run `npm install` since they appeared.
execFileSync(process.execPath, ['scripts/vendor-codecs.mjs'], { stdio: 'inherit' })

// Every test fails on a console.error/console.warn it did not declare (stories: .storybook/preview.tsx).
const consoleGuard = './test/support/setupConsole.ts'

// A test's budget on a 2-core machine running two suites at once (scripts/stress-test.sh): a test's first import
// of a large module graph (the viewers entry, the upload packages) is transformed on the spot and took over
// vitest's default 5 s under the CPU hog (test/viewers/entry.test.ts: 5.0 s). A hang still fails, after 30 s.
const testTimeout = 30_000

export default defineConfig({
  test: {
    projects: [
      {
        // Framework-free code (src/api, pure decoders, the testing server) in Node.
        test: {
          name: 'node',
          environment: 'node',
          testTimeout,
          setupFiles: [consoleGuard],
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
          testTimeout,
          setupFiles: [consoleGuard],
          include: ['test/hooks/**/*.test.{ts,tsx}'],
        },
      },
      {
        // Viewers in real Chromium.
        plugins: [react()],
        optimizeDeps: { include: browserPrebundle },
        test: {
          name: 'browser',
          setupFiles: [consoleGuard],
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
