import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type CommandResult = { code: number | null; stdout: string; stderr: string };

/**
 * Runs `npm run <script> -- <args>` in its own process, as a person would at a terminal, with the
 * test's environment minus every server setting (only `env` applies) so nothing leaks in.
 */
export function runNpmScript(script: 'backup' | 'restore', args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('TIERDESK_') && name !== 'DATABASE_URL' && name !== 'REDIS_URL'),
  );
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', script, '--', ...args], { cwd: ROOT, env: { ...base, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a program (pg_dump, pg_restore) and answers its outcome; a missing program answers code null. */
export function runProgram(program: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => resolve({ code: null, stdout, stderr: error.message }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export const tempFolder = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `tierdesk-${label}-`));

/** A copy of a backup folder (as `<into>/backup`) to tamper with. */
export function copyFolder(source: string, into: string): string {
  const target = path.join(into, 'backup');
  fs.cpSync(source, target, { recursive: true });
  return target;
}

/** Every file in a folder with its sha256: to show that a refused command changed nothing. */
export function folderFingerprint(folder: string): Record<string, string> {
  if (!fs.existsSync(folder)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(folder, file), createHash('sha256').update(fs.readFileSync(file)).digest('hex')];
      }),
  );
}

/** Rewrites a backup's manifest with fresh sizes and checksums, so only the tampering under test shows. */
export function resealManifest(folder: string, change: (manifest: any) => void = () => undefined): void {
  const file = path.join(folder, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const entry of manifest.files) {
    const content = fs.readFileSync(path.join(folder, entry.name));
    entry.bytes = content.length;
    entry.sha256 = createHash('sha256').update(content).digest('hex');
  }
  change(manifest);
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
}
