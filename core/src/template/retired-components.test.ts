import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retiredComponent } from './retired-components.js';

test('the atlas post-processor is retired, with the manifest post-processor as its replacement', () => {
  const atlas = retiredComponent('post-processor', 'atlas');
  assert.match(atlas?.reason ?? '', /Atlas, .* was retired/);
  assert.match(atlas?.replacement ?? '', /"manifest" post-processor/);
  assert.equal(retiredComponent('builder', 'atlas'), undefined, 'only the post-processor kind');
  assert.equal(retiredComponent('post-processor', 'manifest'), undefined);
});
