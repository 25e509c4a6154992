/** The parts of pacote that the installer uses (it ships no types). */
declare module 'pacote' {
  export interface PacoteOptions {
    [key: string]: unknown;
  }
  export interface Packument {
    name: string;
    versions: Record<string, PackumentVersion>;
    'dist-tags'?: Record<string, string>;
  }
  export interface PackumentVersion {
    name: string;
    version: string;
    kiln?: unknown;
    deprecated?: string;
    dist?: { tarball?: string; integrity?: string; shasum?: string };
    [key: string]: unknown;
  }
  export interface FetchResult {
    resolved: string;
    integrity: string;
    from: string;
  }
  export function packument(spec: string, opts?: PacoteOptions): Promise<Packument>;
  export function extract(spec: string, dest: string, opts?: PacoteOptions): Promise<FetchResult>;
  export function tarball(spec: string, opts?: PacoteOptions): Promise<Buffer & FetchResult>;
  const pacote: {
    packument: typeof packument;
    extract: typeof extract;
    tarball: typeof tarball;
  };
  export default pacote;
}
