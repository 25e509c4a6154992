import type { LaunchPermission } from '@aws-sdk/client-ec2';
import type { Step } from '@kiln/plugin-sdk';
import { awsError } from '../client.js';
import type { EbsState } from '../state.js';

/** ami_users and ami_groups: launch permissions on the AMI in every region. */
export const stepModifyAmi: Step<EbsState> = {
  name: 'modify-ami-attributes',
  async run(state, { ui }) {
    const { config } = state;
    const add: LaunchPermission[] = [
      ...config.amiUsers.map((UserId) => ({ UserId })),
      ...config.amiGroups.map((g) => ({ Group: g as 'all' })),
    ];
    if (!add.length) return;
    for (const [region, id] of Object.entries(state.amis)) {
      ui.say(`Modifying attributes on AMI (${id})...`);
      await state
        .driverFor(region)
        .modifyLaunchPermission(id, add)
        .catch((e) => {
          throw awsError(`Error modify AMI attributes (${id}) in ${region}`, e);
        });
    }
  },
};
