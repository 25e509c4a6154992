import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManifestBuild } from '../../builtin/post-processor/manifest.js';
import { asManifest, manifestText, mergeManifest } from './manifest-merge.js';

const entry = (name: string, run: string): ManifestBuild => ({
  name,
  builder_type: 'null',
  build_time: 1767323045,
  files: null,
  artifact_id: 'Null',
  packer_run_uuid: run,
  custom_data: null,
});

test('asManifest knows a manifest post-processor file by its shape only', () => {
  const m = { builds: [entry('one', 'r1')], last_run_uuid: 'r1' };
  assert.deepEqual(asManifest(manifestText(m)), m);
  assert.equal(asManifest('{"builds":[],"last_run_uuid":"r","other":1}'), undefined);
  assert.equal(asManifest('{"builds":{},"last_run_uuid":"r"}'), undefined);
  assert.equal(asManifest('[1]'), undefined);
  assert.equal(asManifest('not json'), undefined);
});

test('mergeManifest appends what each pod added, as the post-processor of one local run does', () => {
  const old = entry('one', 'r0');
  // The payload carried a manifest of an earlier run; each pod appended its build to it.
  const here = { builds: [old], last_run_uuid: 'r0' };
  const fromOne = { builds: [old, entry('one', 'r1')], last_run_uuid: 'r1' };
  const fromTwo = { builds: [old, entry('two', 'r1')], last_run_uuid: 'r1' };
  const first = mergeManifest(here, fromOne, false);
  const both = mergeManifest(first, fromTwo, false);
  assert.deepEqual(both, { builds: [old, entry('one', 'r1'), entry('two', 'r1')], last_run_uuid: 'r1' });
  // No file here (or not a manifest): the pod's file as it is.
  assert.deepEqual(mergeManifest(undefined, fromTwo, false), fromTwo);
});

test('mergeManifest with -force starts a file of another run afresh, then appends within the run', () => {
  const here = { builds: [entry('one', 'r0')], last_run_uuid: 'r0' };
  // With -force each pod started afresh too.
  const fromOne = { builds: [entry('one', 'r1')], last_run_uuid: 'r1' };
  const fromTwo = { builds: [entry('two', 'r1')], last_run_uuid: 'r1' };
  const first = mergeManifest(here, fromOne, true);
  assert.deepEqual(first, fromOne);
  assert.deepEqual(mergeManifest(first, fromTwo, true), {
    builds: [entry('one', 'r1'), entry('two', 'r1')],
    last_run_uuid: 'r1',
  });
});
