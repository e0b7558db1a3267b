import { existsSync } from 'node:fs';
import { callTool } from '@refmcp/core/testing';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SharedDeployment, startSharedDeployment } from './test-helpers-upstream.js';

/** Debian's chromium package; the tests never download a browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The link flow in a real headless browser, as a user meets it: our consent page, GitHub's (the
 * fake's) authorization page, the callback page, with real cookies, redirects and form posts.
 */
describe('linking a GitHub account in a real browser', () => {
  let d: SharedDeployment;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
      );
    }
    d = await startSharedDeployment();
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Running as root (CI) needs the sandbox off; the pages are our own, on loopback.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('takes the user from the elicitation link through consent to a linked account, and the retried call runs as them', async () => {
    const shown: string[] = [];
    const client = await d.connectAs('user-browser', 'modern', async (url) => {
      shown.push(url);
      const page = await browser.newPage();
      try {
        await page.goto(url);
        expect(await page.$eval('h1', (h) => h.textContent)).toBe('Link your GitHub account');
        await Promise.all([page.waitForNavigation(), page.click('#continue')]);
        // The fake GitHub's consent page: pick the account and authorize.
        await page.select('#login', 'alice');
        await Promise.all([page.waitForNavigation(), page.click('#approve')]);
        expect(await page.$eval('#linked', (p) => p.textContent)).toContain('alice');
      } finally {
        await page.close();
      }
    });
    const outcome = await callTool(client, 'get_me');
    expect(shown).toHaveLength(1);
    expect(outcome.isError, outcome.text).toBe(false);
    expect(outcome.structured).toMatchObject({ login: 'alice' });
  });
});
