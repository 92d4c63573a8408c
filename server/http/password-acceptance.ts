import { checkPassword, describePasswordVerdict } from '../../core/auth/password-policy';
import { HttpError } from './errors';

/** A new password must pass the one policy (core/auth/password-policy.ts): 400 with the policy's reason otherwise. */
export function assertAcceptablePassword(password: string, owner: { email: string; name: string }): void {
  const verdict = checkPassword(password, [owner.email, owner.name]);
  if (!verdict.acceptable) throw new HttpError(400, `invalid password: ${describePasswordVerdict(verdict)}`);
}
