/** How a backup or restore command ends; README "Backups" lists these. */
export const EXIT_CODES = { done: 0, refused: 1, badArguments: 2, scaleOutMode: 3 } as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * A refusal a person can act on: the message says what is wrong and what to do. Thrown only
 * before anything was changed, or after what was changed has been put back.
 */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT_CODES.refused,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
