/**
 * The numbers of the password policy, without the dictionary: forms may show them (and the
 * schemas bound them) without loading the policy itself.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn's score runs 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const PASSWORD_MIN_SCORE = 3;
