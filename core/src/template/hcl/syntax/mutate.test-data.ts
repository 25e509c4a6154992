/** mulberry32: a small seeded PRNG so failures reproduce. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deletes, duplicates or swaps a random span, or inserts a stray character or `${`. */
export function mutate(text: string, rand: () => number): string {
  const span = () => {
    const a = Math.floor(rand() * (text.length + 1));
    const len = Math.floor(rand() * Math.min(40, text.length - a + 1));
    return [a, a + len] as const;
  };
  const [a, b] = span();
  switch (Math.floor(rand() * 4)) {
    case 0:
      return text.slice(0, a) + text.slice(b);
    case 1:
      return text.slice(0, b) + text.slice(a, b) + text.slice(b);
    case 2: {
      const [c, d] = span();
      if (c >= b)
        return text.slice(0, a) + text.slice(c, d) + text.slice(b, c) + text.slice(a, b) + text.slice(d);
      return text.slice(0, a) + '{}[]()"$%~=<>\n'.charAt(Math.floor(rand() * 14)) + text.slice(a);
    }
    default:
      return `${text.slice(0, a)}$\{${text.slice(a)}`;
  }
}
