export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __jobbsparInfra?: Array<() => Promise<void>> }).__jobbsparInfra ?? [];
  await Promise.allSettled(stops.map((stop) => stop()));
}
