import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Artifact } from '@kiln/plugin-sdk';
import { formatDuration } from './duration.js';
import type { OutputEvent } from './events.js';
import { HumanOutput } from './human-output.js';
import { JsonOutput } from './json-output.js';
import { MachineOutput } from './machine-output.js';

const now = () => new Date('2026-01-02T03:04:05.678Z');
const artifact: Artifact = {
  builderId: 'kiln.null',
  id: 'Null',
  files: ['a.txt', 'b,c.txt'],
  description: 'Did not export anything. This is the null builder',
  state: {},
};
const events: OutputEvent[] = [
  { type: 'start', builds: ['one', 'two'] },
  { type: 'ui', build: 'one', level: 'say', text: 'Running local shell script: /tmp/x' },
  { type: 'ui', build: 'two', level: 'message', text: 'a, b\nsecret-value' },
  { type: 'ui', build: 'one', source: 'manifest', level: 'say', text: 'Writing manifest' },
  { type: 'build-finished', build: 'one', durationMs: 1234.5 },
  { type: 'build-errored', build: 'two', durationMs: 20.216, error: 'exit status 3' },
  {
    type: 'summary',
    durationMs: 1500,
    interrupted: false,
    builds: [
      { name: 'one', artifacts: [artifact] },
      { name: 'two', artifacts: [], error: 'exit status 3' },
    ],
  },
];
const mask = (s: string) => s.replaceAll('secret-value', '<sensitive>');

function render(sink: { emit(e: OutputEvent): void }, out: string[]): string {
  for (const e of events) sink.emit(e);
  return out.join('');
}

test('durations read like Packer', () => {
  assert.equal(formatDuration(1234.5), '1 second 234 milliseconds');
  assert.equal(formatDuration(20.216), '20 milliseconds 216 microseconds');
  assert.equal(formatDuration(61_000), '1 minute 1 second');
  assert.equal(formatDuration(120_000), '2 minutes');
  assert.equal(formatDuration(0), '0 seconds');
});

test('human output without colour', () => {
  const out: string[] = [];
  const text = render(
    new HumanOutput({ write: (s) => out.push(s), color: false, timestamps: false, progress: false, mask }),
    out,
  );
  assert.equal(
    text,
    `==> one: Running local shell script: /tmp/x
    two: a, b
    two: <sensitive>
==> one (manifest): Writing manifest
Build 'one' finished after 1 second 234 milliseconds.
Build 'two' errored after 20 milliseconds 216 microseconds: exit status 3

==> Wait completed after 1 second 500 milliseconds

==> Some builds didn't complete successfully and had errors:
--> two: exit status 3

==> Builds finished. The artifacts of successful builds are:
--> one: Did not export anything. This is the null builder
`,
  );
});

test('human output with colour and timestamps', () => {
  const out: string[] = [];
  const sink = new HumanOutput({
    write: (s) => out.push(s),
    color: true,
    timestamps: true,
    progress: false,
    now,
  });
  sink.emit({ type: 'start', builds: ['one', 'two'] });
  sink.emit({ type: 'ui', build: 'two', level: 'say', text: 'hello' });
  sink.emit({ type: 'ui', build: 'two', level: 'message', text: 'detail' });
  sink.emit({ type: 'ui', build: 'one', level: 'error', text: 'bad' });
  assert.deepEqual(out, [
    '\x1b[1;32mone: output will be in this color.\x1b[0m\n',
    '\x1b[1;36mtwo: output will be in this color.\x1b[0m\n',
    '\n',
    '\x1b[1;36m2026-01-02T03:04:05Z: ==> two: hello\x1b[0m\n',
    '\x1b[0;36m2026-01-02T03:04:05Z:     two: detail\x1b[0m\n',
    '\x1b[1;31m2026-01-02T03:04:05Z: ==> one: bad\x1b[0m\n',
  ]);
});

test('machine-readable output', () => {
  const out: string[] = [];
  const text = render(new MachineOutput({ write: (s) => out.push(s), now, mask }), out);
  assert.equal(
    text,
    `1767323045,,ui,say,==> one: Running local shell script: /tmp/x
1767323045,,ui,message,    two: a%!(PACKER_COMMA) b\\n    two: <sensitive>
1767323045,,ui,say,==> one (manifest): Writing manifest
1767323045,,ui,say,Build 'one' finished after 1 second 234 milliseconds.
1767323045,,ui,error,Build 'two' errored after 20 milliseconds 216 microseconds: exit status 3
1767323045,,ui,say,\\n==> Wait completed after 1 second 500 milliseconds
1767323045,,error-count,1
1767323045,,ui,error,\\n==> Some builds didn't complete successfully and had errors:
1767323045,two,error,exit status 3
1767323045,,ui,error,--> two: exit status 3
1767323045,,ui,say,\\n==> Builds finished. The artifacts of successful builds are:
1767323045,one,artifact-count,1
1767323045,one,artifact,0,builder-id,kiln.null
1767323045,one,artifact,0,id,Null
1767323045,one,artifact,0,string,Did not export anything. This is the null builder
1767323045,one,artifact,0,files-count,2
1767323045,one,artifact,0,file,0,a.txt
1767323045,one,artifact,0,file,1,b%!(PACKER_COMMA)c.txt
1767323045,one,artifact,0,end
1767323045,,ui,say,--> one: Did not export anything. This is the null builder
`,
  );
});

test('json lines carry every event, masked', () => {
  const out: string[] = [];
  render(new JsonOutput({ write: (s) => out.push(s), now, mask }), out);
  const lines = out.map((l) => JSON.parse(l));
  assert.equal(lines.length, events.length);
  assert.deepEqual(lines[2], {
    time: '2026-01-02T03:04:05.678Z',
    type: 'ui',
    build: 'two',
    level: 'message',
    text: 'a, b\n<sensitive>',
  });
  assert.equal(lines.at(-1).builds[0].artifacts[0].id, 'Null');
});

test('progress bars are drawn on one line and cleared before the next line', () => {
  const out: string[] = [];
  const sink = new HumanOutput({
    write: (s) => out.push(s),
    color: false,
    timestamps: false,
    progress: true,
  });
  sink.emit({
    type: 'progress',
    build: 'b',
    progress: { id: 'x', label: 'Pulling', current: 512, total: 1024 },
  });
  sink.emit({ type: 'ui', build: 'b', level: 'say', text: 'done' });
  assert.deepEqual(out, [
    '\r\x1b[K    b: Pulling [==============>               ]  50% 512 B / 1.0 KiB',
    '\r\x1b[K',
    '==> b: done\n',
  ]);
  const quiet: string[] = [];
  new HumanOutput({ write: (s) => quiet.push(s), color: false, timestamps: false, progress: false }).emit({
    type: 'progress',
    build: 'b',
    progress: { id: 'x', label: 'Pulling', current: 1, total: 2 },
  });
  assert.deepEqual(quiet, []);
});

test('files-returned: one line per build in human and machine output, an event in JSON; pod-files is JSON only', () => {
  const back: OutputEvent = {
    type: 'files-returned',
    build: 'null.one',
    files: [
      { path: 'manifest.json', size: 300 },
      { path: 'out/x.txt', size: 4 },
    ],
  };
  const pod: OutputEvent = { type: 'pod-files', build: 'null.one', kind: 'part', part: 0, data: 'AA==' };
  const human: string[] = [];
  const h = new HumanOutput({
    write: (s) => human.push(s),
    color: false,
    timestamps: false,
    progress: false,
  });
  h.emit(back);
  h.emit(pod);
  assert.equal(human.join(''), '==> null.one: 2 files came back from the pod (manifest.json, out/x.txt)\n');
  const machine: string[] = [];
  const m = new MachineOutput({ write: (s) => machine.push(s), now });
  m.emit(back);
  m.emit(pod);
  assert.deepEqual(machine.join('').trim().split('\n'), [
    '1767323045,null.one,files-returned,2,manifest.json,out/x.txt',
    '1767323045,,ui,say,==> null.one: 2 files came back from the pod (manifest.json%!(PACKER_COMMA) out/x.txt)',
  ]);
  const json: string[] = [];
  new JsonOutput({ write: (s) => json.push(s), now }).emit(back);
  assert.deepEqual(JSON.parse(json[0]!), { time: '2026-01-02T03:04:05.678Z', ...back });
});
