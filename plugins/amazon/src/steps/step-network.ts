import type { Step } from '@kiln/plugin-sdk';
import { awsError } from '../client.js';
import { toFilters } from '../filters.js';
import type { EbsState } from '../state.js';

/** Resolves vpc_filter and subnet_filter to ids (Packer's StepNetworkInfo). */
export const stepNetwork: Step<EbsState> = {
  name: 'network-info',
  async run(state, { ui }) {
    const { config } = state;
    state.vpcId = config.vpcId;
    state.subnetId = config.subnetId;
    state.availabilityZone = config.availabilityZone;
    const fail = (what: string) => (e: unknown) => {
      throw awsError(`Error querying ${what}`, e);
    };
    if (!state.vpcId && config.vpcFilter) {
      const vpcs = await state.ec2.describeVpcs(toFilters(config.vpcFilter)).catch(fail('VPCs'));
      if (vpcs.length !== 1)
        throw new Error(
          `Exactly one VPC should match the filter, but ${vpcs.length} VPC's was found matching filters: ${JSON.stringify(config.vpcFilter)}`,
        );
      state.vpcId = vpcs[0];
      ui.message(`Found VPC ID: ${state.vpcId}`);
    }
    if (!state.subnetId && config.subnetFilter) {
      const filters = { ...config.subnetFilter.filters, ...(state.vpcId ? { 'vpc-id': state.vpcId } : {}) };
      let subnets = await state.ec2.describeSubnets(toFilters(filters)).catch(fail('Subnets'));
      if (state.availabilityZone)
        subnets = subnets.filter((s) => s.availabilityZone === state.availabilityZone);
      if (subnets.length === 0)
        throw new Error(`No subnets found matching filters: ${JSON.stringify(filters)}`);
      let pick = subnets[0];
      if (subnets.length > 1 && !config.subnetFilter.mostFree && !config.subnetFilter.random)
        throw new Error(
          'Your filter matched more than one subnet. Please try a more specific search, or set random or most_free to true.',
        );
      if (config.subnetFilter.mostFree) pick = subnets.reduce((a, b) => (b.free > a.free ? b : a));
      else if (config.subnetFilter.random) pick = subnets[Math.floor(Math.random() * subnets.length)];
      state.subnetId = pick?.subnetId;
      ui.message(`Found Subnet ID: ${state.subnetId}`);
    }
    if (state.subnetId && (!state.vpcId || !state.availabilityZone)) {
      const [s] = await state.ec2
        .describeSubnets([{ Name: 'subnet-id', Values: [state.subnetId] }])
        .catch(fail('Subnets'));
      if (!s) throw new Error(`The subnet ${state.subnetId} does not exist`);
      state.vpcId ??= s.vpcId;
      state.availabilityZone ??= s.availabilityZone;
    }
  },
};
