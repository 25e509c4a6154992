import { render } from './render.js';
import type { EbsState } from './state.js';

/** The fields tags and names may use ({{ .SourceAMI }}, ...), as renderData fills them. */
export const TEMPLATE_FIELDS = [
  'BuildRegion',
  'SourceAMI',
  'SourceAMIName',
  'SourceAMIOwner',
  'SourceAMIOwnerName',
  'SourceAMICreationDate',
] as const;

/** The fields tags and names may use: {{ .SourceAMI }}, {{ .BuildRegion }}, ... */
export function renderData(state: EbsState): Record<(typeof TEMPLATE_FIELDS)[number], string> {
  const i = state.sourceImage;
  return {
    BuildRegion: state.config.access.region,
    SourceAMI: i?.ImageId ?? '',
    SourceAMIName: i?.Name ?? '',
    SourceAMIOwner: i?.OwnerId ?? '',
    SourceAMIOwnerName: i?.ImageOwnerAlias ?? '',
    SourceAMICreationDate: i?.CreationDate ?? '',
  };
}

/** The AMI's name with {{timestamp}} and friends expanded (fixed for the build). */
export function amiName(state: EbsState): string {
  return render(state.config.amiName, state.startedAt, renderData(state));
}

/** A map of tags with their values expanded. */
export function renderTags(state: EbsState, tags: Record<string, string>): { Key: string; Value: string }[] {
  const data = renderData(state);
  return Object.entries(tags).map(([k, v]) => ({
    Key: render(k, state.startedAt, data),
    Value: render(v, state.startedAt, data),
  }));
}

/** A name for a temporary resource: "kiln_<hex>". */
export function temporaryName(): string {
  return `kiln_${Date.now().toString(16)}${Math.floor(Math.random() * 0xffff).toString(16)}`;
}
