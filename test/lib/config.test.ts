import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, parseConfig } from '../../lib/config.js';
import { ConfigError } from '../../lib/errors.js';

function configErrorMessage(env: NodeJS.ProcessEnv): string {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, 'expected a ConfigError');
    return error.message;
  }
  assert.fail('expected the configuration to be rejected');
}

describe('lib/config', () => {
  describe('with an empty environment', () => {
    it('applies the documented defaults', () => {
      const config = parseConfig({});
      assert.equal(config.PORT, 3000);
      assert.equal(config.HOST, '127.0.0.1');
      assert.equal(config.MONGODB_URI, undefined);
      assert.equal(config.DATA_DIR, resolve('var/db'));
      assert.equal(config.REPORT_TIMEZONE, 'Europe/Kyiv');
      assert.equal(config.LOG_LEVEL, 'info');
      assert.equal(config.DEMO, false);
      assert.equal(config.SCHEDULER_ENABLED, true);
      assert.equal(config.RSS_BRIDGE_URL, 'http://127.0.0.1:1200');
    });

    it('returns a frozen object', () => {
      const config = parseConfig({});
      assert.ok(Object.isFrozen(config));
    });
  });

  describe('with valid values', () => {
    it('parses numbers, flags, URLs and schedules', () => {
      const config = parseConfig({
        PORT: '8080',
        HOST: '0.0.0.0',
        MONGODB_URI: 'mongodb://user:secret@db.example:27017/strikes',
        DATA_DIR: '/tmp/strikes-db',
        DEMO: '1',
        SCHEDULER_ENABLED: 'false',
        LOG_LEVEL: 'debug',
        REPORT_TIMEZONE: 'UTC',
        ADMIN_API_KEY: 'a-very-long-admin-key',
        RSS_BRIDGE_URL: 'https://rsshub.example/',
        SYNC_SOURCES_SCHEDULE: '*/5 * * * *',
      });
      assert.equal(config.PORT, 8080);
      assert.equal(config.HOST, '0.0.0.0');
      assert.equal(config.MONGODB_URI, 'mongodb://user:secret@db.example:27017/strikes');
      assert.equal(config.DATA_DIR, '/tmp/strikes-db');
      assert.equal(config.DEMO, true);
      assert.equal(config.SCHEDULER_ENABLED, false);
      assert.equal(config.LOG_LEVEL, 'debug');
      assert.equal(config.REPORT_TIMEZONE, 'UTC');
      assert.equal(config.RSS_BRIDGE_URL, 'https://rsshub.example', 'the trailing slash is dropped');
      assert.equal(config.SYNC_SOURCES_SCHEDULE, '*/5 * * * *');
    });

    it('treats an empty value as unset, so the default applies', () => {
      const config = parseConfig({ MONGODB_URI: '', PORT: '  ' });
      assert.equal(config.MONGODB_URI, undefined);
      assert.equal(config.PORT, 3000);
    });
  });

  describe('with a missing required value', () => {
    it('in production without ADMIN_API_KEY, names the variable and says it is required', () => {
      const message = configErrorMessage({ NODE_ENV: 'production' });
      assert.match(message, /ADMIN_API_KEY: is required when NODE_ENV is production/);
    });
  });

  describe('with malformed values', () => {
    it('when PORT is not a number, names PORT and the allowed range', () => {
      const message = configErrorMessage({ PORT: 'eighty' });
      assert.match(message, /PORT: must be an integer from 0 to 65535 \(got "eighty"\)/);
    });

    it('when PORT is out of range, names PORT', () => {
      assert.match(configErrorMessage({ PORT: '70000' }), /PORT: must be an integer from 0 to 65535/);
    });

    it('when MONGODB_URI has the wrong scheme, says so without echoing the value', () => {
      const message = configErrorMessage({ MONGODB_URI: 'postgres://user:hunter2@db/x' });
      assert.match(message, /MONGODB_URI: must start with mongodb:\/\/ or mongodb\+srv:\/\//);
      assert.doesNotMatch(message, /hunter2/);
    });

    it('when REPORT_TIMEZONE is not an IANA zone, names it', () => {
      const message = configErrorMessage({ REPORT_TIMEZONE: 'Mars/Olympus' });
      assert.match(
        message,
        /REPORT_TIMEZONE: must be an IANA time zone such as Europe\/Kyiv \(got "Mars\/Olympus"\)/,
      );
    });

    it('when a schedule is not a cron expression, names the schedule variable', () => {
      const message = configErrorMessage({ SYNC_SOURCES_SCHEDULE: 'every hour' });
      assert.match(message, /SYNC_SOURCES_SCHEDULE: must be a cron expression/);
    });

    it('when a flag is not a boolean word, lists the accepted words', () => {
      assert.match(configErrorMessage({ DEMO: 'maybe' }), /DEMO: must be one of 1, 0, true, false, yes, no/);
    });

    it('when ADMIN_API_KEY is too short, says so without echoing the key', () => {
      const message = configErrorMessage({ ADMIN_API_KEY: 'short-key' });
      assert.match(message, /ADMIN_API_KEY: must be at least 16 characters long$/m);
      assert.doesNotMatch(message, /short-key/);
    });

    it('lists every bad variable at once', () => {
      const message = configErrorMessage({ PORT: 'x', LOG_LEVEL: 'loud', JSON_BODY_LIMIT: 'huge' });
      assert.match(message, /PORT:/);
      assert.match(message, /LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/);
      assert.match(message, /JSON_BODY_LIMIT: must be a size such as 100kb or 1mb/);
    });
  });

  describe('loadConfig', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'config-test-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('reads a .env file when present, without overriding the real environment', () => {
      const envFile = join(dir, '.env');
      writeFileSync(envFile, 'PORT=4100\nLOG_LEVEL=warn\n');
      const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'error' };
      const config = loadConfig({ envFile, env });
      assert.equal(config.PORT, 4100);
      assert.equal(config.LOG_LEVEL, 'error');
    });

    it('works when the .env file does not exist', () => {
      const config = loadConfig({ envFile: join(dir, 'missing.env'), env: {} });
      assert.equal(config.PORT, 3000);
    });
  });
});
