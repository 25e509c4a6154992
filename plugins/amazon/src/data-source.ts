import type { BuildContext, ConfigSchema, DataSource, PreparedDataSource } from '@kiln/plugin-sdk';
import { Diagnostics, decodeConfig } from '@kiln/plugin-sdk';
import { accessAttributes, decodeAccessConfig } from './access-config.js';
import { awsError } from './client.js';
import type { DriverFactory } from './driver.js';
import { type AmiFilter, amiFilterAttributes, decodeAmiFilter, findImage, isEmptyQuery } from './filters.js';
import { SdkEc2Driver } from './sdk-driver.js';
import { validateRegions } from './steps/step-validate-region.js';

/** The amazon-ami data source's body. */
export const amiDataSchema: ConfigSchema = {
  description: 'Finds one AMI by filters and owners; its id and details are data.amazon-ami.<name>.*.',
  attributes: { ...accessAttributes, ...amiFilterAttributes },
};

/** What data.amazon-ami.<name> holds. */
export const amiDataOutputSchema: ConfigSchema = {
  attributes: {
    id: { type: 'string', description: 'The AMI id.' },
    name: { type: 'string', description: 'The AMI name.' },
    creation_date: { type: 'string', description: 'When the AMI was created.' },
    owner: { type: 'string', description: 'The owner account id.' },
    owner_name: { type: 'string', description: 'The owner alias (e.g. amazon).' },
    tags: { type: 'map(string)', description: "The AMI's tags." },
  },
};

/** The `amazon-ami` data source (data "amazon-ami" "x" { filters = {...} owners = [...] most_recent = true }). */
export function amazonAmiDataSource(
  deps: { drivers?: (access: ReturnType<typeof decodeAccessConfig>) => DriverFactory } = {},
): DataSource {
  return {
    schema: amiDataSchema,
    outputSchema: amiDataOutputSchema,
    description: amiDataSchema.description ?? '',
    async configure(raw: Record<string, unknown>, _build: BuildContext): Promise<PreparedDataSource> {
      const diags = new Diagnostics();
      const decoded = decodeConfig(amiDataSchema, raw);
      diags.items.push(...decoded.diagnostics);
      const access = decodeAccessConfig(decoded.value, diags);
      const filter = decodeAmiFilter(decoded.value) as AmiFilter;
      if (isEmptyQuery(filter)) diags.error('You must specify filters or owners', ['filters']);
      diags.throwIfErrors();
      const driverFor = deps.drivers?.(access) ?? ((region: string) => new SdkEc2Driver(access, region));
      return {
        warnings: diags.warnings,
        async execute() {
          await validateRegions(access, [access.region], driverFor);
          const image = await findImage(driverFor(access.region), filter).catch((e) => {
            throw /No AMI|more than one/.test((e as Error).message) ? e : awsError('Error querying AMI', e);
          });
          return {
            id: image.ImageId ?? '',
            name: image.Name ?? '',
            creation_date: image.CreationDate ?? '',
            owner: image.OwnerId ?? '',
            owner_name: image.ImageOwnerAlias ?? '',
            tags: Object.fromEntries((image.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
          };
        },
      };
    },
  };
}
