/** Bad usage of `rulebook serve` is reported (exit 2) before anything listens. */
import { describe, it, expect } from 'vitest';
import { runCliInProcess } from './run-cli.js';

describe('rulebook serve usage', () => {
  it.each([
    [['serve'], /^error: expected exactly one folder of programs/],
    [['serve', 'test/fixtures/no-such-folder'], /^error: cannot serve test\/fixtures\/no-such-folder: test\/fixtures\/no-such-folder is not a folder/],
    [['serve', 'programs/referral-ru.rules'], /^error: cannot serve programs\/referral-ru\.rules: .* is not a folder/],
    [['serve', 'programs', '--port', '99999'], /^error: --port takes a whole number up to 65535, not 99999/],
    [['serve', 'programs', '--body-limit', '1e6'], /^error: --body-limit takes a whole number/],
    [['serve', 'programs', '--watch'], /^error: unknown option --watch/],
  ])('%j', async (args, message) => {
    const r = await runCliInProcess(args);
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
