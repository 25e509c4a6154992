import Build from './commands/build.js';
import CacheList from './commands/cache/list.js';
import CachePrune from './commands/cache/prune.js';
import Cleanup from './commands/cleanup.js';
import Console from './commands/console.js';
import Fmt from './commands/fmt.js';
import Hcl2Upgrade from './commands/hcl2_upgrade.js';
import Init from './commands/init.js';
import Inspect from './commands/inspect.js';
import PluginsCheck from './commands/plugins/check.js';
import PluginsInstall from './commands/plugins/install.js';
import PluginsInstalled from './commands/plugins/installed.js';
import PluginsMirror from './commands/plugins/mirror.js';
import PluginsRemove from './commands/plugins/remove.js';
import PluginsRequired from './commands/plugins/required.js';
import Validate from './commands/validate.js';
import Version from './commands/version.js';

/**
 * Every kiln command by id (oclif's explicit command discovery). The command
 * classes are small; each loads core only when it runs.
 */
export const COMMANDS = {
  build: Build,
  'cache:list': CacheList,
  'cache:prune': CachePrune,
  cleanup: Cleanup,
  console: Console,
  fmt: Fmt,
  hcl2_upgrade: Hcl2Upgrade,
  init: Init,
  inspect: Inspect,
  'plugins:check': PluginsCheck,
  'plugins:install': PluginsInstall,
  'plugins:installed': PluginsInstalled,
  'plugins:mirror': PluginsMirror,
  'plugins:remove': PluginsRemove,
  'plugins:required': PluginsRequired,
  validate: Validate,
  version: Version,
};
