import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTimeFormat } from '@kiln/plugin-sdk';
import { formatDate } from './datetime.js';
import { strftime } from './strftime.js';
import { parseDuration, parseRfc3339, rfc3339 } from './time-parts.js';

const t = parseRfc3339('2006-01-02T15:04:05.123456789-07:00');

describe('time formatting', () => {
  it("Go's reference layouts (legacy_isotime)", () => {
    assert.equal(goTimeFormat('2006-01-02T15:04:05Z07:00', t), '2006-01-02T15:04:05-07:00');
    assert.equal(
      goTimeFormat('Mon Jan _2 3:04PM MST 06 .000 .999999', t),
      'Mon Jan  2 3:04PM -0700 06 .123 .123456',
    );
    assert.equal(goTimeFormat('20060102150405', parseRfc3339('2021-03-04T05:06:07Z')), '20210304050607');
    assert.equal(goTimeFormat('Z07:00', parseRfc3339('2021-03-04T05:06:07Z')), 'Z');
  });
  it('strftime verbs (legacy_strftime)', () => {
    assert.equal(
      strftime('%Y-%m-%d %H:%M:%S %a %b %j %p %I %z %%', t),
      '2006-01-02 15:04:05 Mon Jan 002 PM 03 -0700 %',
    );
  });
  it('formatdate spec', () => {
    assert.equal(formatDate('YYYY-MM-DD hh:mm:ss ZZZZZ', t), '2006-01-02 15:04:05 -07:00');
    assert.equal(formatDate('EEE, D MMMM YY', t), 'Mon, 2 January 06');
    assert.throws(() => formatDate('Q', t), /invalid date format verb "Q"/);
  });
  it('durations and RFC 3339', () => {
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('-1.5s'), -1500);
    assert.equal(parseDuration('300ms'), 300);
    assert.throws(() => parseDuration('5 minutes'), /unknown unit|invalid duration/);
    assert.equal(rfc3339(parseRfc3339('2020-02-29T23:59:59+05:30')), '2020-02-29T23:59:59+05:30');
    assert.throws(() => parseRfc3339('2020-02-29'), /RFC3339/);
  });
});
