/** `kiln hcl2_upgrade`: legacy JSON templates converted to HCL2. */
export { goLayoutToFormatdate } from './go-layout-to-formatdate.js';
export { type UpgradeInput, type UpgradeResult, upgradeTemplate } from './upgrade.js';
