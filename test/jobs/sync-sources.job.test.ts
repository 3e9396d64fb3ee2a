import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../lib/errors.js';
import { readSeedSources, resolveSeedSource } from '../../jobs/sync-sources.job.js';
import type { SeedSource } from '../../jobs/sync-sources.job.js';

const bridge = { RSS_BRIDGE_URL: 'http://bridge.local:1200', TELEGRAM_SOURCE_MODE: 'rss-bridge' } as const;

describe('jobs/sync-sources', () => {
  describe('the seed file data/sources.json', () => {
    it('is valid and names an official channel for each of the eight frontline oblasts', async () => {
      const seeds = await readSeedSources(resolve('data/sources.json'));
      const regions = new Set(seeds.filter((s) => s.official).map((s) => s.region));
      for (const region of [
        'sumy',
        'kharkiv',
        'kherson',
        'zaporizhzhia',
        'dnipropetrovsk',
        'donetsk',
        'chernihiv',
        'mykolaiv',
      ]) {
        assert.ok(regions.has(region), `no official source for ${region}`);
      }
    });

    it('includes English relays', async () => {
      const seeds = await readSeedSources(resolve('data/sources.json'));
      const english = seeds.filter((s) => s.language === 'en' && !s.official).map((s) => s.key);
      assert.ok(english.includes('kyiv-independent'));
      assert.ok(english.includes('ukrinform-en'));
    });

    it('does not list the known impostor handles', async () => {
      const text = JSON.stringify((await readSeedSources(resolve('data/sources.json'))).map((s) => s));
      assert.doesNotMatch(text, /"telegram":"sumy_oda"|pavlokyrylenko_donoda|"telegram":"mykolaivskaODA"/);
    });
  });

  describe('readSeedSources', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'seed-sources-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('when the file is not JSON, throws a ConfigError naming SOURCES_FILE', async () => {
      const file = join(dir, 'bad.json');
      writeFileSync(file, '{ not json');
      await assert.rejects(readSeedSources(file), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^SOURCES_FILE: cannot read .* as JSON/);
        return true;
      });
    });

    it('when an entry has an unknown kind, throws a ConfigError', async () => {
      const file = join(dir, 'kind.json');
      const entry = { key: 'x', name: 'X', region: null, language: 'en', official: false, enabled: true };
      writeFileSync(
        file,
        JSON.stringify({ sources: [{ ...entry, url: 'https://x.example/rss', kind: 'gopher' }] }),
      );
      await assert.rejects(readSeedSources(file), /SOURCES_FILE: .* is invalid/);
    });

    it('when a key appears twice, throws a ConfigError naming the key', async () => {
      const file = join(dir, 'dup.json');
      const entry = { key: 'same', name: 'X', region: null, language: 'en', official: false, enabled: true };
      const feed = { ...entry, url: 'https://x.example/rss', kind: 'rss' };
      writeFileSync(file, JSON.stringify({ sources: [feed, feed] }));
      await assert.rejects(readSeedSources(file), /the key "same" appears twice/);
    });
  });

  describe('resolveSeedSource', () => {
    const channel: SeedSource = {
      key: 'sumy-oda',
      name: 'Sumy',
      region: 'sumy',
      telegram: 'Sumy_news_ODA',
      language: 'uk',
      official: true,
      enabled: true,
    };

    it('reads a Telegram channel through the RSS bridge base URL', () => {
      const source = resolveSeedSource(channel, bridge);
      assert.equal(source.url, 'http://bridge.local:1200/telegram/channel/Sumy_news_ODA');
      assert.equal(source.kind, 'rss');
      assert.equal(source.handle, 'Sumy_news_ODA');
    });

    it('reads a Telegram channel from its public page in public-page mode', () => {
      const source = resolveSeedSource(channel, { ...bridge, TELEGRAM_SOURCE_MODE: 'public-page' });
      assert.equal(source.url, 'https://t.me/s/Sumy_news_ODA');
      assert.equal(source.kind, 'telegram');
    });

    it('disables a channel whose handle is unknown, whatever the file says', () => {
      const source = resolveSeedSource({ ...channel, key: 'mykolaiv-oda', telegram: null }, bridge);
      assert.equal(source.url, null);
      assert.equal(source.enabled, false);
    });

    it('keeps a feed URL as written', () => {
      const feed: SeedSource = {
        key: 'ukrinform-en',
        name: 'Ukrinform',
        region: null,
        url: 'https://www.ukrinform.net/rss/block-lastnews',
        kind: 'rss',
        language: 'en',
        official: false,
        enabled: true,
      };
      assert.equal(resolveSeedSource(feed, bridge).url, 'https://www.ukrinform.net/rss/block-lastnews');
    });
  });
});
