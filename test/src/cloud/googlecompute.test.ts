import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findLeftovers, SdkComputeDriver } from '@kiln/plugin-googlecompute';
import { kiln, withTemplate } from '../e2e/cli-helpers.js';

/**
 * The googlecompute builder against real Google Cloud: opt-in, outside
 * `npm test` (`npm run test:cloud`). It needs KILN_GCE_PROJECT, KILN_GCE_ZONE
 * and credentials (GOOGLE_APPLICATION_CREDENTIALS or
 * GOOGLE_OAUTH_ACCESS_TOKEN); without them it does not run, says why, and
 * the run fails (scripts/run-tests.mjs never counts it as passed). It builds
 * a small image from debian-12, checks that nothing else is left, and
 * deletes the image.
 */
const env = process.env;
const project = env.KILN_GCE_PROJECT ?? '';
const zone = env.KILN_GCE_ZONE ?? '';
const missing = [
  ...(project ? [] : ['KILN_GCE_PROJECT']),
  ...(zone ? [] : ['KILN_GCE_ZONE']),
  ...(env.GOOGLE_APPLICATION_CREDENTIALS || env.GOOGLE_OAUTH_ACCESS_TOKEN
    ? []
    : ['GOOGLE_APPLICATION_CREDENTIALS or GOOGLE_OAUTH_ACCESS_TOKEN']),
];
const skip = missing.length ? `no Google Cloud credentials: set ${missing.join(', ')}` : false;

describe('googlecompute against real Google Cloud', { skip, timeout: 30 * 60_000 }, () => {
  it('builds an image from debian-12 over SSH, leaves no instance or disk, and the image is deleted', async () => {
    const template = `
source "googlecompute" "cloud" {
  project_id              = "${project}"
  zone                    = "${zone}"
  source_image_family     = "debian-12"
  source_image_project_id = ["debian-cloud"]
  machine_type            = "e2-small"
  disk_size               = 10
  ssh_username            = "kiln"
  image_name              = "kiln-cloud-test-{{timestamp}}"
  image_labels            = { purpose = "kiln-test" }
}
build {
  sources = ["source.googlecompute.cloud"]
  provisioner "shell" {
    inline = ["echo provisioned on $(hostname)"]
  }
}
`;
    const gce = new SdkComputeDriver({
      projectId: project,
      ...(env.GOOGLE_OAUTH_ACCESS_TOKEN ? { accessToken: env.GOOGLE_OAUTH_ACCESS_TOKEN } : {}),
    });
    let imageName = '';
    try {
      await withTemplate({ 'cloud.pkr.hcl': template }, async (dir) => {
        const r = await kiln(['build', '-color=false', '.'], dir);
        imageName = /A disk image was created in the '.+' project: (\S+)/.exec(r.stdout)?.[1] ?? '';
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /^ {4}googlecompute\.cloud: provisioned on /m);
      });
      const image = await gce.getImage(project, imageName);
      assert.equal(String(image?.status), 'READY');
      assert.equal(image?.labels?.purpose, 'kiln-test');
      assert.equal(image?.labels?.['kiln-incomplete'], undefined);
      const run = image?.labels?.['kiln-run'] ?? '';
      assert.ok(run, 'the image carries its run label');
      const left = (await findLeftovers(gce, [zone], run)).filter((l) => l.kind !== 'image');
      assert.deepEqual(left, [], 'the instance and disk were deleted');
    } finally {
      if (imageName) await gce.deleteImage(imageName).catch(() => undefined);
      await gce.close();
    }
  });
});
