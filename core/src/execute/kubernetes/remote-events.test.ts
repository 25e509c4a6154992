import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OutputEvent } from '../../ui/events.js';
import { RemoteLog, remoteEvent } from './remote-events.js';

test('remoteEvent reads -output=json lines and leaves other lines alone', () => {
  assert.deepEqual(
    remoteEvent('{"time":"2026-01-01T00:00:00Z","type":"ui","build":"b","level":"say","text":"hi"}'),
    {
      type: 'ui',
      build: 'b',
      level: 'say',
      text: 'hi',
    },
  );
  assert.equal(remoteEvent('Error: something'), undefined);
  assert.equal(remoteEvent('{"type":"other"}'), undefined);
  assert.equal(remoteEvent('{not json'), undefined);
});

test('RemoteLog forwards events, keeps the summary back and skips lines seen before a reconnect', async () => {
  const events: OutputEvent[] = [];
  const log = new RemoteLog('null.a', (e) => events.push(e));
  const line = (t: string, e: object) => `${t} ${JSON.stringify({ time: 'x', ...e })}\n`;
  const first = log.stream();
  first.write(line('2026-01-01T00:00:01.5Z', { type: 'start', builds: ['null.a'] }));
  first.write(line('2026-01-01T00:00:01.52Z', { type: 'ui', build: 'null.a', level: 'say', text: 'one' }));
  first.write('2026-01-01T00:00:02.000000001Z plain text from the pod\n');
  await new Promise((r) => first.end(r));
  assert.equal(log.lastTime, '2026-01-01T00:00:02Z');
  const second = log.stream();
  second.write(line('2026-01-01T00:00:01.52Z', { type: 'ui', build: 'null.a', level: 'say', text: 'one' }));
  second.write(line('2026-01-01T00:00:03Z', { type: 'build-finished', build: 'null.a', durationMs: 5 }));
  second.write(
    line('2026-01-01T00:00:03.1Z', {
      type: 'summary',
      durationMs: 6,
      interrupted: false,
      builds: [{ name: 'null.a', artifacts: [] }],
    }),
  );
  await new Promise((r) => second.end(r));
  assert.deepEqual(
    events.map((e) => (e.type === 'ui' ? `${e.level}:${e.text}` : e.type)),
    ['say:one', 'error:plain text from the pod', 'build-finished'],
  );
  assert.ok(log.ended);
  assert.deepEqual(log.result, { name: 'null.a', artifacts: [] });
});
