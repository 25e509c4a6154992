import { Flags } from '@oclif/core';

/** -var, -var-file, -only and -except: shared by build, validate and inspect. */
export const templateFlags = {
  var: Flags.string({
    multiple: true,
    multipleNonGreedy: true,
    helpValue: "'key=value'",
    description: 'Variable for templates, can be used multiple times.',
  }),
  'var-file': Flags.string({
    multiple: true,
    multipleNonGreedy: true,
    helpValue: 'path',
    description: 'JSON or HCL2 file containing user variables, can be used multiple times.',
  }),
  only: Flags.string({
    multiple: true,
    multipleNonGreedy: true,
    helpValue: 'foo,bar,baz',
    description: 'Build only the specified builds.',
  }),
  except: Flags.string({
    multiple: true,
    multipleNonGreedy: true,
    helpValue: 'foo,bar,baz',
    description: 'Run all builds and post-processors other than these.',
  }),
};

/** The parsed values of {@link templateFlags}. */
export interface TemplateFlagValues {
  var?: string[] | undefined;
  'var-file'?: string[] | undefined;
  only?: string[] | undefined;
  except?: string[] | undefined;
}
