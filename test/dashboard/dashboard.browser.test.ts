/**
 * The dashboard end to end: the real app (buildApp) over the embedded engine with fixture tallies, driven
 * by Debian's Chromium headless through playwright-core. One browser and one page serve the whole file, and
 * the steps run in order, each starting where the previous one left the page.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { parseConfig } from '../../lib/config.js';
import { createLogger } from '../../lib/logger.js';
import { buildApp } from '../../server/app.js';
import mongoose from 'mongoose';
import { ensureIndexes } from '../../models/index.js';
import { getTestMongoUri } from '../setup/test-db.js';
import {
  COMMUNITIES,
  DETAIL_DAY,
  DETAIL_EVIDENCE,
  DETAIL_REPORT_URL,
  FIXTURE_DAYS,
  FIXTURE_FROM,
  FIXTURE_TO,
  MISSING_SUMY_DAYS,
  writeDashboardFixtures,
} from './dashboard-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT_DIR = 'test-results/dashboard';
const chromiumMissing = !existsSync(CHROMIUM);
// On CI the browser test must run: a missing Chromium fails it there instead of skipping.
const skip = chromiumMissing && process.env.CI !== 'true';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The chart's state as the page exposes it on its container once drawn. */
interface ChartState {
  region: string | undefined;
  series: string | undefined;
  points: number;
  alerts: number;
  image: string;
  /** Pixels of the attacks' colour (#b42318) on the canvas: non-zero once the lines are drawn. */
  attackPixels: number;
}

/**
 * Reads the chart's state in the page. The browser-side code is a string: this project's TypeScript has
 * no DOM library, and the page's own code is plain JavaScript anyway.
 */
const READ_CHART = `(() => {
  const container = document.getElementById('main-chart');
  const canvas = container.querySelector('canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let attackPixels = 0;
  for (let index = 0; index < data.length; index += 4) {
    const near = (value, target) => Math.abs(value - target) < 12;
    if (data[index + 3] > 200 && near(data[index], 0xb4) && near(data[index + 1], 0x23) && near(data[index + 2], 0x18)) {
      attackPixels += 1;
    }
  }
  return {
    region: container.dataset.region,
    series: container.dataset.series,
    points: Number(container.dataset.points),
    alerts: Number(container.dataset.alerts),
    image: canvas.toDataURL(),
    attackPixels,
  };
})()`;

async function readChart(page: Page): Promise<ChartState> {
  return page.evaluate<ChartState>(READ_CHART);
}

/**
 * Polls an expression in the page until it is truthy. Playwright's waitForFunction would evaluate a string
 * predicate with eval, which the page's CSP forbids; page.evaluate goes through the DevTools protocol.
 */
async function waitUntil(page: Page, expression: string): Promise<void> {
  // Hang guard only: a view draws in well under a second, this allows twenty.
  const deadline = Date.now() + 20_000;
  while (!(await page.evaluate<boolean>(`Boolean(${expression})`))) {
    if (Date.now() > deadline) throw new Error(`the page never satisfied: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the page says it has fully drawn the view whose query contains `fragment`. */
async function waitForView(page: Page, fragment: string): Promise<void> {
  await page.locator(`body[data-shown*="${fragment}"]`).waitFor({ state: 'attached', timeout: 20_000 });
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
  const result = await page.evaluate<{ violations: AxeViolation[] }>('axe.run(document)');
  return result.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    )
    .join('\n');
}

(skip ? describe.skip : describe)(
  `the dashboard in Chromium${skip ? ` (skipped: no ${CHROMIUM}; install it with apt-get install chromium)` : ''}`,
  function () {
    // Not setupTestDB: it empties the collections before each test, and these steps share one data set.

    let server: Server;
    let origin: string;
    let browser: Browser;
    let page: Page;
    const consoleErrors: string[] = [];
    const foreignRequests: string[] = [];
    let sumyChart: ChartState;

    before(async function () {
      await mongoose.connect(await getTestMongoUri('dashboard-browser'), { serverSelectionTimeoutMS: 5_000 });
      await mongoose.connection.dropDatabase();
      await ensureIndexes();
      await writeDashboardFixtures();
      const config = parseConfig({ LOG_LEVEL: 'silent' });
      const app = buildApp({
        config,
        logger: createLogger({ level: 'silent' }),
        jsonBodyLimit: '100kb',
        checkReadiness: () =>
          Promise.resolve({
            ready: true,
            database: { ok: true, mode: 'embedded' },
            scheduler: { running: false, jobs: [] },
            sources: [],
          }),
      });
      server = createServer(app);
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      // The console says only "Failed to load resource"; this names the request.
      page.on('response', (response) => {
        if (response.status() >= 400) consoleErrors.push(`HTTP ${response.status()} for ${response.url()}`);
      });
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) foreignRequests.push(url);
      });
    });

    after(async () => {
      await browser?.close();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await mongoose.disconnect();
    });

    it('loads the chosen region and draws its series, averages, gaps and alert marker', async () => {
      await page.goto(`${origin}/?region=sumy&from=${FIXTURE_FROM}&to=${FIXTURE_TO}`);
      await waitForView(page, 'region=sumy');
      sumyChart = await readChart(page);
      assert.equal(sumyChart.region, 'sumy');
      assert.equal(sumyChart.series, 'attacks,explosions');
      // Every reported day, for each of the two metrics; the two missing days are gaps, not points.
      assert.equal(sumyChart.points, 2 * (FIXTURE_DAYS - MISSING_SUMY_DAYS.length));
      assert.equal(sumyChart.alerts, 1);
      assert.ok(sumyChart.attackPixels > 200, `attack lines drawn (${sumyChart.attackPixels} pixels)`);

      const summary = await page.textContent('#overview-summary');
      assert.match(
        summary ?? '',
        new RegExp(`${MISSING_SUMY_DAYS.length} of ${FIXTURE_DAYS} days not reported`),
      );
      const missingRow = await page
        .locator('#days-table tbody tr', { hasText: MISSING_SUMY_DAYS[0] ?? '' })
        .textContent();
      assert.match(missingRow ?? '', /–/, 'a missing day shows a dash, not a zero');

      assert.equal(await page.locator('#region-grid .region-card').count(), 2);
      assert.match(
        (await page.textContent('#communities-table')) ?? '',
        new RegExp(COMMUNITIES.bochechky.nameUk),
      );
      assert.ok((await page.locator('#community-heatmap .heat-cell').count()) >= FIXTURE_DAYS);
      assert.match((await page.textContent('#alerts-list')) ?? '', /131 attacks on 2026-11-20/);
      assert.match((await page.textContent('#sources-table')) ?? '', /HTTP 503 from the feed/);
    });

    it('charts another region when it is picked, and keeps it in the URL', async () => {
      await page.selectOption('#region', 'kharkiv');
      await waitForView(page, 'region=kharkiv');
      const chart = await readChart(page);
      assert.equal(chart.region, 'kharkiv');
      assert.equal(chart.series, 'attacks', 'Kharkiv states no explosions, so none are drawn');
      assert.equal(chart.points, FIXTURE_DAYS);
      assert.notEqual(chart.image, sumyChart.image);
      assert.match(page.url(), /[?&]region=kharkiv(&|$)/);
      assert.match(
        (await page.textContent('#communities-table')) ?? '',
        new RegExp(COMMUNITIES.izium.nameUk),
      );

      await page.goBack();
      await waitForView(page, 'region=sumy');
      assert.equal((await readChart(page)).region, 'sumy');
    });

    it("opens a day's detail from the chart, with its windows, communities and evidence", async () => {
      const box = await page.locator('#main-chart .u-over').boundingBox();
      assert.ok(box);
      const index = (Date.parse(DETAIL_DAY) - Date.parse(FIXTURE_FROM)) / 86_400_000;
      await page.mouse.move(box.x + (box.width * index) / (FIXTURE_DAYS - 1), box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.up();
      await waitForView(page, `day=${DETAIL_DAY}`);
      const dialog = page.locator('#day-detail');
      assert.equal(await dialog.getAttribute('data-day'), DETAIL_DAY);
      assert.equal(await page.evaluate("document.getElementById('day-detail').open"), true);

      assert.equal(await dialog.locator('tr[data-window]').count(), 2, 'the whole day and the past 24 hours');
      assert.match(
        (await dialog.locator('.community-detail-table').textContent()) ?? '',
        /Бочечківська[\s\S]*12[\s\S]*40[\s\S]*artillery, FPV drones/,
      );
      assert.match((await dialog.locator('.evidence').textContent()) ?? '', new RegExp(DETAIL_EVIDENCE));
      assert.equal(await dialog.locator(`a[href="${DETAIL_REPORT_URL}"]`).count(), 1);
      assert.equal(await dialog.locator('.briefing-links a').count(), 5);
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/day-detail.png` });
    });

    it('has no serious or critical accessibility violations, with the detail open or closed', async () => {
      const require = createRequire(import.meta.url);
      await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
      const withDialog = await runAxe(page);
      assert.deepEqual(withDialog, [], describeViolations(withDialog));

      await page.click('#day-close');
      await page.waitForURL((url) => !url.searchParams.has('day'));
      const withoutDialog = await runAxe(page);
      assert.deepEqual(withoutDialog, [], describeViolations(withoutDialog));
    });

    it('saves screenshots at desktop and phone widths', async () => {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/desktop.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await waitUntil(
        page,
        "document.querySelector('#main-chart canvas').getBoundingClientRect().width <= 390",
      );
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      assert.ok(overflow <= 0, `the page fits the phone's width (overflows by ${overflow}px)`);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/phone.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it("follows a link to the day's briefing", async () => {
      const link = page.locator('#briefing-links a[data-format="html"]');
      const href = await link.getAttribute('href');
      assert.equal(href, `/api/v1/briefings/${FIXTURE_TO}?format=html`);
      const [response] = await Promise.all([
        page.waitForEvent('response', (r) => r.url() === `${origin}${href}`),
        link.click(),
      ]);
      assert.equal(response.status(), 200);
      assert.match(response.headers()['content-type'] ?? '', /text\/html/);
      assert.match((await page.textContent('body')) ?? '', new RegExp(FIXTURE_TO));
    });

    it('sent no request outside its origin and logged no console error', () => {
      assert.deepEqual(foreignRequests, []);
      assert.deepEqual(consoleErrors, []);
    });
  },
);
