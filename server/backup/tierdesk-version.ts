import fs from 'node:fs';
import { z } from 'zod';

const PackageSchema = z.object({ version: z.string().min(1).max(40) });

/** This installation's version, as package.json states it (recorded in every backup). */
export function tierdeskVersion(): string {
  const text = fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return PackageSchema.parse(JSON.parse(text)).version;
}
