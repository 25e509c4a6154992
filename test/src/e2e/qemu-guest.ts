// What the e2e suites that boot the test guest (test/env/make-guest.sh)
// share about it.

/**
 * The boot_wait before the boot command is typed. The guest's GRUB menu
 * waits forever, so typing late costs only time, while keys typed before
 * GRUB reads the keyboard are lost and the guest never boots. GRUB is up
 * after a second or two under TCG on an idle machine; a full test run on
 * two busy cores has taken several times that.
 */
export const GUEST_BOOT_WAIT = '10s';
