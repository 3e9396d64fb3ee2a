import assert from 'node:assert/strict';
import { buildReportInput } from '../../domain/evaluation/build-report-input.js';
import { item } from './build-items.js';

describe('buildReportInput', () => {
  it('publishes at 09:00 Kyiv summer time on the publication date', () => {
    const { input, publishedAtSource } = buildReportInput(item({ published: '2024-05-15' }));
    assert.equal(input.publishedAt.toISOString(), '2024-05-15T06:00:00.000Z');
    assert.equal(publishedAtSource, 'published');
  });

  it('follows Kyiv winter time after the DST change', () => {
    const { input } = buildReportInput(item({ published: '2024-11-04' }));
    assert.equal(input.publishedAt.toISOString(), '2024-11-04T07:00:00.000Z');
  });

  it('without a publication date, uses the end of the labelled day', () => {
    const { input, publishedAtSource } = buildReportInput(
      item({ published: null, reportDate: '2024-08-28' }),
    );
    assert.equal(input.publishedAt.toISOString(), '2024-08-28T20:00:00.000Z');
    assert.equal(publishedAtSource, 'report_date');
  });

  it('passes the text, title and language through without a source region', () => {
    const { input } = buildReportInput(item({ title: 'Заголовок', lang: 'ru' }));
    assert.equal(input.title, 'Заголовок');
    assert.equal(input.language, 'ru');
    assert.equal(input.sourceRegion, null);
  });
});
