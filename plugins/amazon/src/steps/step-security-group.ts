import type { Step } from '@kiln/plugin-sdk';
import { awsError } from '../client.js';
import { toFilters } from '../filters.js';
import { temporaryName } from '../names.js';
import { type EbsState, runTags } from '../state.js';

/**
 * Uses security_group_id(s) or security_group_filter, or makes a temporary
 * group that admits the communicator port from
 * temporary_security_group_source_cidrs; cleanup deletes it.
 */
export const stepSecurityGroup: Step<EbsState> = {
  name: 'security-group',
  async run(state, { ui, signal }) {
    const { config } = state;
    if (config.securityGroupIds.length) {
      ui.say(`Using specified security groups: ${config.securityGroupIds.join(', ')}`);
      state.securityGroupIds = [...config.securityGroupIds];
      return;
    }
    if (config.securityGroupFilter) {
      const filters = { ...config.securityGroupFilter, ...(state.vpcId ? { 'vpc-id': state.vpcId } : {}) };
      const groups = await state.ec2.describeSecurityGroups(toFilters(filters)).catch((e) => {
        throw awsError("Couldn't find security groups for filter", e);
      });
      if (!groups.length)
        throw new Error(`No security groups found matching filters: ${JSON.stringify(filters)}`);
      state.securityGroupIds = groups.map((g) => g.groupId);
      ui.say(`Found security groups: ${state.securityGroupIds.join(', ')}`);
      return;
    }
    const name = temporaryName();
    ui.say(`Creating temporary security group for this instance: ${name}`);
    const id = await state.ec2
      .createSecurityGroup({
        name,
        description: 'Temporary group for Kiln',
        ...(state.vpcId ? { vpcId: state.vpcId } : {}),
        tags: runTags(state),
      })
      .catch((e) => {
        throw awsError('Error creating temporary security group', e);
      });
    state.temporarySecurityGroupId = id;
    state.securityGroupIds = [id];
    signal.throwIfAborted();
    const port = config.communicator.type === 'none' ? 22 : config.communicator.port || 22;
    const cidrs = config.temporarySecurityGroupSourceCidrs.length
      ? config.temporarySecurityGroupSourceCidrs
      : ['0.0.0.0/0'];
    ui.say(
      `Authorizing access to port ${port} from [${cidrs.join(' ')}] in the temporary security groups...`,
    );
    await state.ec2.authorizeIngress(id, port, cidrs).catch((e) => {
      throw awsError('Error authorizing temporary security group', e);
    });
  },
  async cleanup(state, { ui }) {
    const id = state.temporarySecurityGroupId;
    if (!id) return;
    ui.say('Deleting temporary security group...');
    let lastError: unknown;
    // A group stays in use for a while after its instance terminated.
    for (let attempt = 0; attempt < 30; attempt++) {
      try {
        await state.ec2.deleteSecurityGroup(id);
        state.temporarySecurityGroupId = undefined;
        return;
      } catch (e) {
        lastError = e;
        if (!/DependencyViolation/.test((e as Error).name)) break;
        await new Promise((r) => setTimeout(r, Math.min(state.config.pollIntervalMs, 2000)));
      }
    }
    ui.error(
      `Error cleaning up security group. Please delete the group manually: ${id} (${awsError('error', lastError).message})`,
    );
  },
};
