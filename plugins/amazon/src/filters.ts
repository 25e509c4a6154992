import type { Filter, Image } from '@aws-sdk/client-ec2';
import type { BlockSpec } from '@kiln/plugin-sdk';
import type { Ec2Driver } from './driver.js';

/** An AMI query: source_ami_filter and the amazon-ami data source. */
export interface AmiFilter {
  filters: Record<string, string>;
  owners: string[];
  mostRecent: boolean;
}

/** The attributes of an AMI query. */
export const amiFilterAttributes = {
  filters: {
    type: 'map(string)',
    description: 'DescribeImages filters, name => value (e.g. "name" = "ubuntu/*").',
  },
  owners: {
    type: 'list(string)',
    description: 'Owner account ids or aliases (amazon, self, aws-marketplace).',
  },
  most_recent: { type: 'bool', default: false, description: 'Take the newest image when several match.' },
};

/** The source_ami_filter block. */
export const amiFilterBlock: BlockSpec = { nesting: 'single', body: { attributes: amiFilterAttributes } };

/** Reads an AMI query from a decoded body (or block). */
export function decodeAmiFilter(v: Record<string, unknown> | undefined): AmiFilter | undefined {
  if (!v) return undefined;
  return {
    filters: (v.filters as Record<string, string> | undefined) ?? {},
    owners: Array.isArray(v.owners) ? (v.owners as string[]) : [],
    mostRecent: v.most_recent === true,
  };
}

/** The EC2 form of a name => value filter map (a value may list several, comma-separated). */
export function toFilters(filters: Record<string, string>): Filter[] {
  return Object.entries(filters).map(([Name, value]) => ({
    Name,
    Values: value.split(',').map((s) => s.trim()),
  }));
}

/** Whether a filter map and owners would match everything (Packer refuses that). */
export function isEmptyQuery(f: AmiFilter): boolean {
  return Object.keys(f.filters).length === 0 && f.owners.length === 0;
}

/**
 * Finds the one image of a query: an error when none matches, or when several
 * match and most_recent is not set (Packer's wording).
 */
export async function findImage(ec2: Ec2Driver, f: AmiFilter): Promise<Image> {
  const images = await ec2.describeImages({ owners: f.owners, filters: toFilters(f.filters) });
  if (images.length === 0) throw new Error('No AMI was found matching filters');
  if (images.length > 1 && !f.mostRecent)
    throw new Error(
      'Your query returned more than one result. Please try a more specific search, or set most_recent to true.',
    );
  return newest(images);
}

/** The image with the latest CreationDate. */
export function newest(images: Image[]): Image {
  return images.reduce((a, b) => ((b.CreationDate ?? '') > (a.CreationDate ?? '') ? b : a));
}
