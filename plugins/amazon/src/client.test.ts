import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsError, awsMessage, ec2Client } from './client.js';

const access = {
  region: 'eu-west-1',
  skipRegionValidation: false,
  maxRetries: 7,
  accessKey: 'a',
  secretKey: 'b',
};

describe('EC2 client', () => {
  it('retries with the adaptive (throttling-aware) strategy, up to max_retries attempts', async () => {
    const c = ec2Client({ ...access, customEndpointEc2: 'http://127.0.0.1:5001' });
    assert.equal(await c.config.maxAttempts(), 7);
    const strategy = await c.config.retryStrategy();
    assert.equal((strategy as { mode?: string }).mode, 'adaptive');
    assert.equal(await c.config.region(), 'eu-west-1');
    const endpoint = await c.config.endpoint?.();
    assert.equal(endpoint?.hostname, '127.0.0.1');
  });

  it('turns SDK errors into one line', () => {
    const api = Object.assign(new Error('The instance type is bad'), { name: 'InvalidInstanceType' });
    assert.equal(awsMessage(api), 'InvalidInstanceType: The instance type is bad');
    const creds = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    assert.match(awsMessage(creds), /^No valid credential sources found/);
    const html = Object.assign(new Error('Deserialization error: to see the raw response...'), {
      $metadata: { httpStatusCode: 404 },
    });
    assert.match(awsMessage(html), /unreadable answer \(HTTP 404\): check region and custom_endpoint_ec2/);
    assert.equal(
      awsError('Error launching source instance', api).message,
      'Error launching source instance: InvalidInstanceType: The instance type is bad',
    );
  });
});
