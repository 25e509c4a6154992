import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BuildContext, ConfigError } from '@kiln/plugin-sdk';
import { amazonAmiDataSource } from './data-source.js';
import { fakeDrivers, fakeWorld } from './fake-driver.test-helper.js';

const build = { runId: 'r', buildName: '', builderType: '' } as BuildContext;
const signal = new AbortController().signal;

function source() {
  const w = fakeWorld();
  w.images.set('ami-newer', {
    region: 'us-east-1',
    ImageId: 'ami-newer',
    Name: 'ubuntu/images/base-2',
    OwnerId: '099720109477',
    State: 'available',
    CreationDate: '2021-01-01T00:00:00.000Z',
    Tags: [{ Key: 'Team', Value: 'os' }],
  });
  return amazonAmiDataSource({ drivers: () => fakeDrivers(w) });
}

const body = { region: 'us-east-1', filters: { name: 'ubuntu/images/*' }, owners: ['099720109477'] };

describe('amazon-ami data source (fake EC2)', () => {
  it('returns the newest match with most_recent', async () => {
    const prepared = await source().configure({ ...body, most_recent: true }, build);
    assert.deepEqual(await prepared.execute(signal), {
      id: 'ami-newer',
      name: 'ubuntu/images/base-2',
      creation_date: '2021-01-01T00:00:00.000Z',
      owner: '099720109477',
      owner_name: '',
      tags: { Team: 'os' },
    });
  });

  it("several matches without most_recent, and none, are errors in Packer's words", async () => {
    await assert.rejects((await source().configure(body, build)).execute(signal), /more than one result/);
    const none = await source().configure({ ...body, filters: { name: 'debian/*' } }, build);
    await assert.rejects(none.execute(signal), /No AMI was found matching filters/);
  });

  it('needs filters or owners', async () => {
    await assert.rejects(
      source().configure({ region: 'us-east-1' }, build),
      (e: unknown) => e instanceof ConfigError && /You must specify filters or owners/.test(e.message),
    );
  });
});
