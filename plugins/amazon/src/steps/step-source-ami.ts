import type { Step } from '@kiln/plugin-sdk';
import { awsError } from '../client.js';
import { findImage } from '../filters.js';
import type { EbsState } from '../state.js';

/** Finds the source AMI by id or by source_ami_filter (Packer's StepSourceAMIInfo). */
export const stepSourceAmi: Step<EbsState> = {
  name: 'source-ami',
  async run(state, { ui }) {
    const { config } = state;
    ui.say('Inspecting the source AMI...');
    let image: Awaited<ReturnType<typeof findImage>> | undefined;
    if (config.sourceAmi) {
      const images = await state.ec2.describeImages({ imageIds: [config.sourceAmi] }).catch((e) => {
        if (/NotFound|Malformed/.test((e as Error).name)) return [];
        throw awsError('Error querying AMI', e);
      });
      image = images[0];
      if (!image) throw new Error(`No AMI was found matching filters: source_ami ${config.sourceAmi}`);
    } else if (config.sourceAmiFilter) {
      image = await findImage(state.ec2, config.sourceAmiFilter).catch((e) => {
        throw /No AMI|more than one/.test((e as Error).message) ? e : awsError('Error querying AMI', e);
      });
    }
    if (!image?.ImageId) throw new Error('No AMI was found');
    ui.message(`Found Image ID: ${image.ImageId}`);
    state.sourceImage = image;
    state.generatedData.SourceAMI = image.ImageId;
    state.generatedData.SourceAMIName = image.Name ?? '';
    state.generatedData.SourceAMIOwner = image.OwnerId ?? '';
    state.generatedData.SourceAMIOwnerName = image.ImageOwnerAlias ?? '';
    state.generatedData.SourceAMICreationDate = image.CreationDate ?? '';
    state.generatedData.BuildRegion = config.access.region;
  },
};
