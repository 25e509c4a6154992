/** X11 keysyms of Packer's special keys (what an RFB KeyEvent carries). */
export const SPECIAL_KEYS: Record<string, number> = {
  bs: 0xff08,
  del: 0xffff,
  enter: 0xff0d,
  return: 0xff0d,
  esc: 0xff1b,
  tab: 0xff09,
  spacebar: 0x20,
  insert: 0xff63,
  home: 0xff50,
  end: 0xff57,
  pageUp: 0xff55,
  pageDown: 0xff56,
  left: 0xff51,
  up: 0xff52,
  right: 0xff53,
  down: 0xff54,
  leftAlt: 0xffe9,
  rightAlt: 0xffea,
  leftCtrl: 0xffe3,
  rightCtrl: 0xffe4,
  leftShift: 0xffe1,
  rightShift: 0xffe2,
  leftSuper: 0xffeb,
  rightSuper: 0xffec,
  menu: 0xff67,
  f1: 0xffbe,
  f2: 0xffbf,
  f3: 0xffc0,
  f4: 0xffc1,
  f5: 0xffc2,
  f6: 0xffc3,
  f7: 0xffc4,
  f8: 0xffc5,
  f9: 0xffc6,
  f10: 0xffc7,
  f11: 0xffc8,
  f12: 0xffc9,
};

/** Left shift, pressed around characters that need it on a US keyboard. */
export const SHIFT = 0xffe1;

/** Characters typed with shift held on a US layout (QEMU maps keysyms to scancodes without adding it). */
export function needsShift(char: string): boolean {
  return /[A-Z~!@#$%^&*()_+{}|:"<>?]/.test(char);
}

/** The keysym of a literal character (Latin-1 keysyms equal their code point). */
export function charKeysym(char: string): number {
  if (char === '\n') return 0xff0d;
  if (char === '\t') return 0xff09;
  const cp = char.codePointAt(0)!;
  return cp < 0x100 ? cp : 0x01000000 + cp;
}
