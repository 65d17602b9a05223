/** Flags as `--name value` (or BENCH_NAME in the environment), integers only; unknown flags are an error. */
export function intOptions<T extends Record<string, number>>(defaults: T, argv = process.argv.slice(2), env = process.env): T {
  const out: Record<string, number> = { ...defaults };
  const kebab = (k: string): string => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const byFlag = new Map(Object.keys(defaults).map((k) => [kebab(k), k]));
  for (const [key] of Object.entries(defaults)) {
    const raw = env[`BENCH_${kebab(key).toUpperCase().replace(/-/g, '_')}`];
    if (raw !== undefined && raw !== '') out[key] = Number(raw);
  }
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    const key = m ? byFlag.get(m[1]) : undefined;
    if (!m || !key)
      throw new Error(`unknown argument ${JSON.stringify(argv[i])} (known: ${[...byFlag.keys()].map((f) => `--${f}`).join(', ')})`);
    out[key] = Number(m[2] ?? argv[++i]);
  }
  for (const [key, value] of Object.entries(out)) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${kebab(key)} must be a number ≥ 0, got ${value}`);
  }
  return out as T;
}
