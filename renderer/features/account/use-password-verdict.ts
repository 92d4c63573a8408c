import { useEffect, useState } from 'react';
import type { PasswordVerdict } from '../../../core/auth/password-policy';

type PasswordPolicy = typeof import('../../../core/auth/password-policy');

let policy: Promise<PasswordPolicy> | undefined;

/**
 * The password policy, loaded on first need: its dictionary (~1 MB) is a chunk of its own, so
 * the console's main bundle stays small and an agent who never changes a password never loads it.
 */
export function loadPasswordPolicy(): Promise<PasswordPolicy> {
  policy ??= import('../../../core/auth/password-policy');
  return policy;
}

/**
 * The policy's verdict on what is typed, as the server will judge it: null while the field is
 * empty, 'checking' while the policy loads. `personal` is the owner's email and name.
 */
export function usePasswordVerdict(password: string, personal: readonly string[]): PasswordVerdict | 'checking' | null {
  const [verdict, setVerdict] = useState<{ password: string; verdict: PasswordVerdict } | null>(null);
  const personalKey = personal.join('\n');

  useEffect(() => {
    if (password === '') return;
    let current = true;
    void loadPasswordPolicy().then((loaded) => {
      if (current) setVerdict({ password, verdict: loaded.checkPassword(password, personalKey.split('\n')) });
    });
    return () => {
      current = false;
    };
  }, [password, personalKey]);

  if (password === '') return null;
  // A verdict on an earlier text must not show as this one's.
  return verdict?.password === password ? verdict.verdict : 'checking';
}
