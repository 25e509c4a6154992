import type { Step } from '@kiln/plugin-sdk';
import { gceError } from '../errors.js';
import type { GceState } from '../state.js';

/** Where Google publishes its public images, searched when source_image_project_id is not set. */
export const PUBLIC_IMAGE_PROJECTS = [
  'centos-cloud',
  'cos-cloud',
  'debian-cloud',
  'fedora-coreos-cloud',
  'opensuse-cloud',
  'rhel-cloud',
  'rocky-linux-cloud',
  'suse-cloud',
  'ubuntu-os-cloud',
  'ubuntu-os-pro-cloud',
  'windows-cloud',
];

/** The projects searched for the source image, in order. */
export function sourceProjects(state: GceState): string[] {
  const c = state.config;
  if (c.sourceImageProjectIds.length) return c.sourceImageProjectIds;
  return [c.access.projectId, ...PUBLIC_IMAGE_PROJECTS];
}

/** Finds source_image, or the newest image of source_image_family, in the source projects. */
export const stepSourceImage: Step<GceState> = {
  name: 'source-image',
  async run(state, { ui }) {
    const { config } = state;
    const what = config.sourceImage
      ? `image ${config.sourceImage}`
      : `image family ${config.sourceImageFamily}`;
    const projects = sourceProjects(state);
    for (const project of projects) {
      const image = await (config.sourceImage
        ? state.gce.getImage(project, config.sourceImage)
        : state.gce.getImageFromFamily(project, config.sourceImageFamily ?? '')
      ).catch((e) => {
        throw gceError(`Error looking for the source ${what} in project ${project}`, e);
      });
      if (!image) continue;
      if (String(image.status ?? 'READY') !== 'READY')
        throw new Error(`The source ${what} in project ${project} is ${image.status}, not READY`);
      state.sourceImage = image;
      state.sourceImageProject = project;
      state.generatedData.SourceImageName = image.name ?? '';
      state.generatedData.SourceImageProject = project;
      ui.message(`Using source image ${image.name} of project ${project}`);
      return;
    }
    throw new Error(
      `Could not find the source ${what} in the projects ${projects.join(', ')}; set source_image_project_id to the project that has it`,
    );
  },
};
